package ru.gospochta.contacts.internal.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.contacts.EmailAddress;
import ru.gospochta.contacts.internal.email.EmailAddresses.Kind;
import ru.gospochta.identity.CitizenSessions;
import ru.gospochta.identity.CitizenSms;
import ru.gospochta.platform.ServerKeys;

/**
 * Replaced addresses and the «это был не я» report (CNT-4). The notice to the old address carries
 * a link; following it within 30 days says the change was a stranger's: the old address is put
 * back when the new one is still in force, every session of the account ends with its remembered
 * devices, and the phone is told. The password is not touched here — the owner resets it through
 * «Забыли пароль?», to the address that was just given back.
 */
@Service
public class EmailChanges {

    static final Duration REPORT_WINDOW = Duration.ofDays(30);

    /** What the report page shows about one change. */
    public record Change(UUID id, UUID account, Kind kind, String oldAddress, String newAddress, Instant changedAt,
            Instant expiresAt, @Nullable Instant disputedAt) {

        public String newAddressMasked() {
            return new EmailAddress(newAddress).masked();
        }
    }

    /** Why a report was not taken. */
    public enum Refusal { UNKNOWN, EXPIRED, ALREADY_REPORTED }

    /** A report refused; nothing changed. */
    public static final class ReportRefused extends RuntimeException {

        private final Refusal refusal;

        ReportRefused(Refusal refusal) {
            super("report refused: " + refusal);
            this.refusal = refusal;
        }

        public String code() {
            return "contacts.not-me." + refusal.name().toLowerCase().replace('_', '-');
        }
    }

    private final JdbcClient db;
    private final EmailAddresses addresses;
    private final CitizenSessions sessions;
    private final CitizenSms sms;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;
    private final KeyedHash hashes;

    EmailChanges(JdbcClient db, EmailAddresses addresses, CitizenSessions sessions, CitizenSms sms,
            MessageSource messages, AuditLog audit, ServerKeys keys, Clock clock) {
        this.db = db;
        this.addresses = addresses;
        this.sessions = sessions;
        this.sms = sms;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
        this.hashes = new KeyedHash(keys, "contact-change-report");
    }

    /** Records that {@code old} was replaced by {@code newAscii}; the token for the old address's report link. */
    String record(EmailAddresses.Stored old, String newAscii, Instant now) {
        String token = KeyedHash.newToken();
        db.sql("""
                INSERT INTO contacts.email_changes (id, account_id, kind, old_address, new_address, changed_at, token_hash,
                    expires_at) VALUES (:id, :account, :kind, :old, :new, :now, :token, :expires)""")
                .param("id", UUID.randomUUID()).param("account", old.account()).param("kind", old.kind().name())
                .param("old", old.address()).param("new", newAscii).param("now", utc(now))
                .param("token", hashes.of(token)).param("expires", utc(now.plus(REPORT_WINDOW))).update();
        return token;
    }

    /** The change a report link names, or empty for a token that names none. */
    public Optional<Change> byToken(String token) {
        return find(token, false);
    }

    /**
     * Takes the report of the old address's owner.
     *
     * @return the change as it now stands
     * @throws ReportRefused when the link is unknown, older than 30 days, or was already used
     */
    @Transactional(noRollbackFor = ReportRefused.class)
    public Change report(String token, @Nullable String sourceIp, Locale locale) {
        Change change = find(token, true).orElseThrow(() -> new ReportRefused(Refusal.UNKNOWN));
        Instant now = clock.instant();
        Optional<ReportRefused> refused = refusalOf(change);
        if (refused.isPresent()) {
            throw refused.get();
        }
        db.sql("UPDATE contacts.email_changes SET disputed_at = :now WHERE id = :id")
                .param("now", utc(now)).param("id", change.id()).update();
        // Given back only while the stranger's address is still the one in force: a later change, or
        // a deletion, may be the owner's own doing after regaining the account.
        boolean restored = addresses.inForce(change.account(), change.kind())
                .filter(current -> current.address().equalsIgnoreCase(change.newAddress()))
                .isPresent();
        if (restored) {
            addresses.restore(change.account(), change.kind(), change.oldAddress(), now);
        }
        int ended = sessions.endAll(change.account());
        audit.record(AuditEntry.of("email:" + new EmailAddress(change.oldAddress()).masked(), "contacts.email-change-disputed",
                        "account:" + change.account(), AuditOutcome.SUCCESS)
                .from(sourceIp)
                .with("restored", Boolean.toString(restored))
                .with("sessionsEnded", Integer.toString(ended)));
        sms.send(change.account(), messages.getMessage("contacts.sms.change-disputed",
                new Object[] {new EmailAddress(change.oldAddress()).masked()}, locale));
        return new Change(change.id(), change.account(), change.kind(), change.oldAddress(), change.newAddress(),
                change.changedAt(), change.expiresAt(), now);
    }

    /** Why a report of this change would be refused now; empty when it would be taken. */
    public Optional<ReportRefused> refusalOf(Change change) {
        if (change.disputedAt() != null) {
            return Optional.of(new ReportRefused(Refusal.ALREADY_REPORTED));
        }
        if (!clock.instant().isBefore(change.expiresAt())) {
            return Optional.of(new ReportRefused(Refusal.EXPIRED));
        }
        return Optional.empty();
    }

    private Optional<Change> find(String token, boolean lock) {
        if (token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return db.sql("SELECT * FROM contacts.email_changes WHERE token_hash = :token" + (lock ? " FOR UPDATE" : ""))
                .param("token", hashes.of(token))
                .query((rs, n) -> new Change(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                        Kind.valueOf(rs.getString("kind")), rs.getString("old_address"), rs.getString("new_address"),
                        rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("disputed_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant).orElse(null)))
                .optional();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
