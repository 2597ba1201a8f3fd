package ru.gospochta.notify.internal.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import ru.gospochta.platform.PlatformProperties;

/**
 * The unified letter layout (NTF-4) in its two forms, plain text and HTML: the one place that fills
 * {@code notify/mail/letter} and {@code notify/mail/digest}, for letters sent and for previews alike.
 */
@Component
class LetterLayout {

    /** A letter written out; {@code html} only when it was asked for. */
    record Written(String text, @Nullable String html) {
    }

    private final TemplateEngine html;
    private final TextLetters text;
    private final String publicUrl;
    private final ApplicationContext application;

    LetterLayout(TemplateEngine html, MessageSource messages, PlatformProperties platform, ApplicationContext application) {
        this.html = html;
        this.application = application;
        this.text = new TextLetters(messages);
        String url = platform.publicUrl().toString();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The portal's address for links in letters, without a trailing slash. */
    String publicUrl() {
        return publicUrl;
    }

    /** @param unsubscribeUrl the one-click unsubscribe link, or {@code null} on notices that cannot be switched off */
    Written write(String subject, List<Composer.Item> items, boolean digest, @Nullable String unsubscribeUrl, Locale locale,
            boolean withHtml) {
        String template = digest ? "notify/mail/digest" : "notify/mail/letter";
        // The expression context given once a letter, as Spring MVC gives it once a page: without it
        // Thymeleaf wraps a new one around every expression it evaluates.
        Context context = new Context(locale, Map.of("subject", subject, "items", items, "digest", digest,
                "unsubscribeUrl", unsubscribeUrl == null ? "" : unsubscribeUrl, "cabinetUrl", publicUrl + "/cabinet",
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(application, null)));
        return new Written(text.render(template, context), withHtml ? html.process(template, context) : null);
    }
}
