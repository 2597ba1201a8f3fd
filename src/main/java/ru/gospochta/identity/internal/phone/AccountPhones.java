package ru.gospochta.identity.internal.phone;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import ru.gospochta.identity.CitizenPhones;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupPhones;

/** {@link CitizenPhones} over the stored account and its backup phone. */
@Component
class AccountPhones implements CitizenPhones {

    private final Accounts accounts;
    private final BackupPhones backupPhones;

    AccountPhones(Accounts accounts, BackupPhones backupPhones) {
        this.accounts = accounts;
        this.backupPhones = backupPhones;
    }

    @Override
    public Optional<String> maskedPhone(UUID account) {
        return accounts.byId(account).map(a -> new PhoneNumber(a.phone()).masked());
    }

    @Override
    public Optional<String> maskedBackupPhone(UUID account) {
        return backupPhones.of(account).map(phone -> new PhoneNumber(phone).masked());
    }
}
