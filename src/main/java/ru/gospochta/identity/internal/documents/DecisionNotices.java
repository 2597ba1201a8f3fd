package ru.gospochta.identity.internal.documents;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.platform.OutgoingSms;

/**
 * Tells the person by SMS that their document was decided. For a confirmation the text never
 * carries the reason, which may name personal data: it sends them to the cabinet, where they are
 * signed in. Whoever asked to restore access has no way into the cabinet, so their SMS, to the
 * phone of the request, carries the reason itself; the operators write it knowing that.
 */
@Component
class DecisionNotices {

    /** The account keeps no language; SMS go out in the portal's default one. */
    private static final Locale SMS_LANGUAGE = Locale.of("ru");

    private final Accounts accounts;
    private final OutgoingSms sms;
    private final MessageSource messages;

    DecisionNotices(Accounts accounts, OutgoingSms sms, MessageSource messages) {
        this.accounts = accounts;
        this.sms = sms;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(IdentityDocumentDecided decided) {
        String key = decided.approved() ? "identity.documents.sms.approved" : "identity.documents.sms.rejected";
        String text = messages.getMessage(key, null, SMS_LANGUAGE);
        // An account deleted since the decision has nobody left to tell.
        accounts.byId(decided.accountId()).ifPresent(account -> sms.send(account.phone(), text));
    }

    @ApplicationModuleListener
    void on(AccessRequestDecided decided) {
        if (!decided.approved()) {
            sms.send(decided.newPhone(), messages.getMessage("support.sms.rejected",
                    new Object[] {decided.reason()}, SMS_LANGUAGE));
            return;
        }
        sms.send(decided.newPhone(), messages.getMessage("support.sms.approved", null, SMS_LANGUAGE));
        // Should the request have been made by someone else, the phone that led to the account until now hears of it.
        String former = decided.formerPhone();
        if (former != null) {
            sms.send(former, messages.getMessage("support.sms.phone-replaced", null, SMS_LANGUAGE));
        }
    }
}
