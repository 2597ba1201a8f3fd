package ru.gospochta.platform.internal.database;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when neither Gospochta's nor Spring's datasource URL is configured. */
class NoExternalDatabase implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        return !hasText(env.getProperty("gospochta.db.url")) && !hasText(env.getProperty("spring.datasource.url"));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
