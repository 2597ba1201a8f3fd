package ru.gospochta.identity.internal.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.ActionConfirmation;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;
import ru.gospochta.identity.internal.signin.CodeRejected;
import ru.gospochta.identity.internal.signin.SmsCodes;
import ru.gospochta.identity.internal.signin.SmsLimitReached;

/** {@link ActionConfirmation} by the password and an SMS code, on the rules of the security settings. */
@Component
class PasswordAndSmsConfirmation implements ActionConfirmation {

    private final Accounts accounts;
    private final SmsCodes sms;
    private final Reauthentication reauthentication;
    private final RefusalMessages messages;

    PasswordAndSmsConfirmation(Accounts accounts, SmsCodes sms, Reauthentication reauthentication,
            RefusalMessages messages) {
        this.accounts = accounts;
        this.sms = sms;
        this.reauthentication = reauthentication;
        this.messages = messages;
    }

    @Override
    public Optional<Duration> sendCode(UUID accountId, @Nullable String sourceIp, Locale locale) {
        Account account = accounts.byId(accountId).orElseThrow();
        try {
            sms.send(Purpose.REAUTHENTICATION, account.phone(), account.id(), sourceIp, locale);
            return Optional.empty();
        } catch (SmsLimitReached limit) {
            return Optional.of(limit.retryAfter());
        }
    }

    @Override
    public String maskedPhone(UUID accountId) {
        return PhoneNumber.parse(accounts.byId(accountId).orElseThrow().phone()).masked();
    }

    @Override
    public void confirmPassword(UUID accountId, String password, Locale locale) {
        Account account = accounts.byId(accountId).orElseThrow();
        try {
            reauthentication.password(account, password);
            reauthentication.succeeded(account);
        } catch (SettingsRefused refused) {
            throw new ActionNotConfirmed(messages.explain(refused, locale));
        }
    }

    @Override
    public void confirm(UUID accountId, String password, String smsCode, Locale locale) {
        Account account = accounts.byId(accountId).orElseThrow();
        try {
            reauthentication.password(account, password);
            try {
                sms.verify(Purpose.REAUTHENTICATION, account.phone(), smsCode);
            } catch (CodeRejected rejected) {
                throw reauthentication.refusal(account, rejected);
            }
            reauthentication.succeeded(account);
        } catch (SettingsRefused refused) {
            throw new ActionNotConfirmed(messages.explain(refused, locale));
        }
    }
}
