package ru.gospochta.identity.internal.settings;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;
import ru.gospochta.identity.internal.signin.CodeRejected;
import ru.gospochta.identity.internal.signin.SmsCodes;
import ru.gospochta.identity.internal.signin.SmsLimitReached;

/**
 * The re-check of a signed-in person for identity pages outside the security settings (CNT-5: the
 * phone and the backup phone), on the settings' own rules: the password and a second answer,
 * every wrong one counted against the account (ACC-7), each refusal told in the person's language.
 */
@Component
public class Recheck {

    /** What the person proved themselves with besides the password, for the audit log. */
    public enum Factor { SMS, TOTP, BACKUP_CODE }

    private final Reauthentication reauthentication;
    private final SmsCodes sms;
    private final RefusalMessages refusals;
    private final MessageSource messages;

    Recheck(Reauthentication reauthentication, SmsCodes sms, RefusalMessages refusals, MessageSource messages) {
        this.reauthentication = reauthentication;
        this.sms = sms;
        this.refusals = refusals;
        this.messages = messages;
    }

    /**
     * Sends the re-check code to the account's phone. No source address: a signed-in person only
     * reaches their own confirmed phone, which has its own limits (as in the two-step settings).
     */
    public SmsCodes.Sent sendCode(Account account, Locale locale) {
        try {
            return sms.send(Purpose.REAUTHENTICATION, account.phone(), account.id(), null, locale);
        } catch (SmsLimitReached limit) {
            throw refused(SettingsRefused.smsLimit(limit.retryAfter()), locale);
        }
    }

    /** The password and the code of {@link #sendCode}, which is spent. */
    public Factor passwordAndSms(Account account, String password, String code, Locale locale) {
        try {
            reauthentication.password(account, password);
            try {
                sms.verify(Purpose.REAUTHENTICATION, account.phone(), code);
            } catch (CodeRejected rejected) {
                throw reauthentication.refusal(account, rejected);
            }
            reauthentication.succeeded(account);
            return Factor.SMS;
        } catch (SettingsRefused refused) {
            throw refused(refused, locale);
        }
    }

    /** The password and a TOTP or backup code, for a person whose phone is out of reach. */
    public Factor passwordWithoutPhone(Account account, String password, String code, Locale locale) {
        try {
            reauthentication.password(account, password);
            Reauthentication.Factor factor = reauthentication.withoutPhone(account, code);
            reauthentication.succeeded(account);
            return Factor.valueOf(factor.name());
        } catch (SettingsRefused refused) {
            throw refused(refused, locale);
        }
    }

    /** The password alone, for a change that only takes something away. */
    public void password(Account account, String password, Locale locale) {
        try {
            reauthentication.password(account, password);
            reauthentication.succeeded(account);
        } catch (SettingsRefused refused) {
            throw refused(refused, locale);
        }
    }

    /** Whether {@link #passwordWithoutPhone} can succeed at all: the account has a TOTP app or unused backup codes. */
    public boolean hasFactorWithoutPhone(Account account) {
        return reauthentication.hasFactorWithoutPhone(account);
    }

    /** Refuses while the account waits after too many wrong answers, before a code is even looked at. */
    public void refuseWhileWaiting(Account account, Locale locale) {
        reauthentication.waitFor(account).ifPresent(wait -> {
            throw refused(SettingsRefused.waiting(wait), locale);
        });
    }

    /**
     * A code sent somewhere else (a new number) was refused. A wrong guess counts against the
     * account like a wrong re-check answer; an expired or missing code is nobody's guess.
     */
    public Refused codeRefused(Account account, CodeRejected rejected, Locale locale) {
        if (rejected.reason() == CodeRejected.Reason.WRONG || rejected.reason() == CodeRejected.Reason.EXHAUSTED) {
            SettingsRefused counted = reauthentication.failed(account, SettingsRefused.Reason.WRONG_CODE);
            if (counted.reason() == SettingsRefused.Reason.MUST_WAIT) {
                return refused(counted, locale);
            }
        }
        String reason = rejected.reason().name().toLowerCase(Locale.ROOT) + "-code";
        return new Refused(reason, List.of(messages.getMessage(rejected.messageCode(),
                new Object[] {rejected.triesLeft()}, locale)), false);
    }

    /** A right answer forgives the wrong ones before it. */
    public void succeeded(Account account) {
        reauthentication.succeeded(account);
    }

    private Refused refused(SettingsRefused refused, Locale locale) {
        boolean waiting = refused.reason() == SettingsRefused.Reason.MUST_WAIT
                || refused.reason() == SettingsRefused.Reason.SMS_LIMIT;
        return new Refused(refused.reason().key(), refusals.explain(refused, locale), waiting);
    }

    /**
     * The re-check failed and nothing changed.
     *
     * @param reason lower-case words joined by hyphens, for the audit log
     * @param explanations what the page says, already in the person's language
     * @param waiting whether the person must wait (too many wrong answers, or the SMS limit)
     */
    public static final class Refused extends RuntimeException {

        private final String reason;
        private final List<String> explanations;
        private final boolean waiting;

        Refused(String reason, List<String> explanations, boolean waiting) {
            // No message with user input in it: exceptions reach logs.
            super("re-check refused: " + reason, null, false, false);
            this.reason = reason;
            this.explanations = List.copyOf(explanations);
            this.waiting = waiting;
        }

        public String reason() {
            return reason;
        }

        public List<String> explanations() {
            return explanations;
        }

        public boolean waiting() {
            return waiting;
        }
    }
}
