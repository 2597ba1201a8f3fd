package ru.gospochta.notify.internal.delivery;

import org.springframework.context.MessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The plain-text alternative of letters, from {@code templates/<name>.txt} in Thymeleaf's text mode. */
final class TextLetters {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    TextLetters(MessageSource messages) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        engine.setEnableSpringELCompiler(true);
    }

    String render(String name, Context context) {
        return engine.process(name, context);
    }
}
