package ru.gospochta.contacts.internal.email;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.OutgoingMail;

/**
 * Letters of the contacts module: an HTML body and its plain-text alternative from Thymeleaf
 * templates, in the citizen's language. They never carry a password and say that the portal never
 * asks for one (NTF-6).
 */
@Component
public class ContactLetters {

    private final TemplateEngine html;
    private final SpringTemplateEngine text;
    private final MessageSource messages;
    private final OutgoingMail mail;
    private final EmailSuspensions suspensions;

    public ContactLetters(TemplateEngine html, MessageSource messages, OutgoingMail mail, EmailSuspensions suspensions) {
        this.html = html;
        this.suspensions = suspensions;
        this.messages = messages;
        this.mail = mail;
        this.text = new SpringTemplateEngine();
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        this.text.setTemplateResolver(resolver);
        this.text.setTemplateEngineMessageSource(messages);
        this.text.setEnableSpringELCompiler(true);
    }

    /**
     * Renders {@code templates/contacts/mail/<name>.html} and {@code .txt} and sends them. A
     * permanent refusal (SMTP 5xx) suspends delivery to the address at once (CNT-6) before the
     * failure goes on to the caller.
     *
     * @throws MailNotSent when the transport did not take the letter
     */
    public String send(String to, String name, Locale locale, Map<String, Object> variables) {
        Context context = new Context(locale, variables);
        String subject = messages.getMessage("contacts.mail." + name + ".subject", null, locale);
        try {
            return mail.send(new Letter(to, subject, text.process("contacts/mail/" + name, context),
                    html.process("contacts/mail/" + name, context)));
        } catch (MailNotSent refused) {
            if (refused.aboutTheAddress()) {
                suspensions.bounced(null, to, refused.replyCode());
            }
            throw refused;
        }
    }
}
