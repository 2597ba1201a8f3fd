package ru.gospochta.contacts;

import java.util.Optional;

import org.springframework.stereotype.Component;

import ru.gospochta.contacts.internal.DisposableDomains;
import ru.gospochta.contacts.internal.EmailRule;
import ru.gospochta.contacts.internal.EmailSyntax;

/**
 * The one judge of a typed e-mail address (CNT-1), for the hint shown as the person types and for
 * the server when the address is saved: the form of {@link EmailAddress} plus the refusal of
 * throw-away mailbox services.
 */
@Component
public class EmailAddressRules {

    private final DisposableDomains disposable;

    public EmailAddressRules(DisposableDomains disposable) {
        this.disposable = disposable;
    }

    /** The message code of the first rule the typed address breaks, or empty when it can be saved. */
    public Optional<String> problem(String typed) {
        return switch (EmailSyntax.check(EmailSyntax.trim(typed))) {
            case EmailSyntax.Valid valid when disposable.contains(valid.domain()) ->
                    Optional.of(EmailRule.DISPOSABLE.code());
            case EmailSyntax.Valid kept -> Optional.empty();
            case EmailSyntax.Broken broken -> Optional.of(broken.rule().code());
        };
    }

    /**
     * The typed address, ready to be saved and confirmed.
     *
     * @throws InvalidEmailAddress naming the first broken rule
     */
    public EmailAddress accept(String typed) {
        EmailAddress address = EmailAddress.parse(typed);
        if (disposable.contains(address.domain())) {
            throw EmailAddress.refusal(EmailRule.DISPOSABLE);
        }
        return address;
    }
}
