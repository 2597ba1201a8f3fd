package ru.gospochta.identity.internal.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ru.gospochta.identity.AccountState;

/** Citizens' accounts in {@code identity.accounts}. */
@Repository
public class Accounts {

    private static final String COLUMNS = """
            id, phone, snils, inn, surname, given_name, patronymic, birth_date, passport_series, passport_number,
            address, state, password_hash, password_version, password_changed_at, two_step_enabled, two_step_method,
            totp_secret_sealed, totp_last_step, sign_in_alerts, created_at""";

    private final JdbcClient db;

    public Accounts(JdbcClient db) {
        this.db = db;
    }

    public Optional<Account> byId(UUID id) {
        return one("id = :v", id);
    }

    public Optional<Account> byPhone(String e164) {
        return one("phone = :v", e164);
    }

    /**
     * The account whose confirmed backup phone this is (CNT-5), for recovering access by a number
     * other than the main one. Empty for a number that is only some account's main phone.
     */
    public Optional<Account> byBackupPhone(String e164) {
        return one("id = (SELECT account_id FROM identity.backup_phones WHERE phone = :v)", e164);
    }

    public Optional<Account> bySnils(String digits) {
        return one("snils = :v", digits);
    }

    public boolean phoneTaken(String e164) {
        return byPhone(e164).isPresent();
    }

    public boolean snilsTaken(String digits) {
        return bySnils(digits).isPresent();
    }

    private Optional<Account> one(String where, Object value) {
        return db.sql("SELECT " + COLUMNS + " FROM identity.accounts WHERE " + where)
                .param("v", value)
                .query(Accounts::map)
                .optional();
    }

    public void insert(Account a, Instant agreementAcceptedAt) {
        db.sql("""
                INSERT INTO identity.accounts (id, phone, snils, inn, surname, given_name, patronymic, birth_date,
                    passport_series, passport_number, address, state, password_hash, password_version,
                    password_changed_at, agreement_accepted_at, created_at)
                VALUES (:id, :phone, :snils, :inn, :surname, :givenName, :patronymic, :birthDate, :passportSeries,
                    :passportNumber, :address, :state, :passwordHash, :passwordVersion, :passwordChangedAt,
                    :agreementAcceptedAt, :createdAt)""")
                .param("id", a.id()).param("phone", a.phone()).param("snils", a.snils()).param("inn", a.inn())
                .param("surname", a.surname()).param("givenName", a.givenName()).param("patronymic", a.patronymic())
                .param("birthDate", a.birthDate()).param("passportSeries", a.passportSeries())
                .param("passportNumber", a.passportNumber()).param("address", a.address())
                .param("state", a.state().name()).param("passwordHash", a.passwordHash())
                .param("passwordVersion", a.passwordVersion()).param("passwordChangedAt", utc(a.passwordChangedAt()))
                .param("agreementAcceptedAt", utc(agreementAcceptedAt)).param("createdAt", utc(a.createdAt()))
                .update();
    }

    /** Moves the account from one state to the next; false when it was not in {@code from}. */
    public boolean changeState(UUID id, AccountState from, AccountState to, Instant at) {
        String stamp = to == AccountState.ACTIVE ? ", activated_at = :at" : to == AccountState.CONFIRMED ? ", confirmed_at = :at" : "";
        return db.sql("UPDATE identity.accounts SET state = :to" + stamp + " WHERE id = :id AND state = :from")
                .param("to", to.name()).param("from", from.name()).param("id", id).param("at", utc(at))
                .update() == 1;
    }

    /** A new password: its version moves on, which ends remembered devices. */
    public void changePassword(UUID id, String passwordHash, Instant at) {
        db.sql("""
                UPDATE identity.accounts SET password_hash = :hash, password_version = password_version + 1,
                    password_changed_at = :at WHERE id = :id""")
                .param("hash", passwordHash).param("at", utc(at)).param("id", id).update();
    }

    /**
     * Moves the account to another phone, the one it signs in and receives codes with (CNT-5, CNT-7).
     * False when another account holds that phone: the unique column decides, so two changes racing
     * for one number cannot both win.
     */
    public boolean changePhone(UUID id, String e164) {
        try {
            return db.sql("UPDATE identity.accounts SET phone = :phone WHERE id = :id")
                    .param("phone", e164).param("id", id).update() == 1;
        } catch (org.springframework.dao.DuplicateKeyException taken) {
            return false;
        }
    }

    /** Forgets every remembered device: they are bound to the password version, which moves on. */
    public void forgetDevices(UUID id) {
        db.sql("UPDATE identity.accounts SET password_version = password_version + 1 WHERE id = :id")
                .param("id", id).update();
    }

    public void setTwoStep(UUID id, boolean enabled, Account.SecondFactorMethod method) {
        db.sql("UPDATE identity.accounts SET two_step_enabled = :enabled, two_step_method = :method WHERE id = :id")
                .param("enabled", enabled).param("method", method.name()).param("id", id).update();
    }

    public void setTotp(UUID id, byte @Nullable [] sealedSecret, long lastStep) {
        db.sql("UPDATE identity.accounts SET totp_secret_sealed = :secret, totp_last_step = :step WHERE id = :id")
                .param("secret", sealedSecret).param("step", lastStep).param("id", id).update();
    }

    /** Records the TOTP step just used, unless a later one was recorded meanwhile; false means a replay. */
    public boolean useTotpStep(UUID id, long step) {
        return db.sql("UPDATE identity.accounts SET totp_last_step = :step WHERE id = :id AND totp_last_step < :step")
                .param("step", step).param("id", id).update() == 1;
    }

    public void setSignInAlerts(UUID id, boolean on) {
        db.sql("UPDATE identity.accounts SET sign_in_alerts = :on WHERE id = :id").param("on", on).param("id", id).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(
                rs.getObject("id", UUID.class), rs.getString("phone"), rs.getString("snils"), rs.getString("inn"),
                rs.getString("surname"), rs.getString("given_name"), rs.getString("patronymic"),
                rs.getObject("birth_date", java.time.LocalDate.class), rs.getString("passport_series"),
                rs.getString("passport_number"), rs.getString("address"), AccountState.valueOf(rs.getString("state")),
                rs.getString("password_hash"), rs.getInt("password_version"),
                rs.getObject("password_changed_at", OffsetDateTime.class).toInstant(), rs.getBoolean("two_step_enabled"),
                Account.SecondFactorMethod.valueOf(rs.getString("two_step_method")), rs.getBytes("totp_secret_sealed"),
                rs.getLong("totp_last_step"), rs.getBoolean("sign_in_alerts"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
