package ru.gospochta.identity.internal.account;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import ru.gospochta.identity.CitizenSms;
import ru.gospochta.platform.OutgoingSms;

/** {@link CitizenSms} over the phone the account is registered with. */
@Component
class AccountSms implements CitizenSms {

    private final Accounts accounts;
    private final OutgoingSms sms;

    AccountSms(Accounts accounts, OutgoingSms sms) {
        this.accounts = accounts;
        this.sms = sms;
    }

    @Override
    public boolean send(UUID account, String text) {
        return accounts.byId(account).map(a -> {
            sms.send(a.phone(), text);
            return true;
        }).orElse(false);
    }

    @Override
    public Optional<String> phone(UUID account) {
        return accounts.byId(account).map(Account::phone);
    }
}
