package ru.gospochta.identity.internal.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.server.ResponseStatusException;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Account.SecondFactorMethod;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.account.BackupCodeStore;
import ru.gospochta.identity.internal.session.Sessions;
import ru.gospochta.identity.internal.signin.SignInJournal;

/**
 * The overview of «Настройки безопасности» (ACC-6) and the small changes made from it: sign-in
 * alerts on or off, one session or all other sessions ended.
 */
@Service
class SecuritySettings {

    /** Until people can choose their zone, times are Moscow time and the page says so. */
    static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZONE);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ZONE);
    /** ACC-4: the reminder to change the password. */
    static final Duration PASSWORD_AGE = Duration.ofDays(90);

    private final Accounts accounts;
    private final BackupCodeStore backupStore;
    private final SignInJournal journal;
    private final Sessions sessions;
    private final SettingsAudit audit;
    private final TransactionOperations transactions;
    private final Clock clock;

    SecuritySettings(Accounts accounts, BackupCodeStore backupStore, SignInJournal journal, Sessions sessions,
            SettingsAudit audit, TransactionOperations transactions, Clock clock) {
        this.accounts = accounts;
        this.backupStore = backupStore;
        this.journal = journal;
        this.sessions = sessions;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What the page may show of the account: no hashes, no sealed key, no session ids. */
    record Status(boolean twoStepOn, SecondFactorMethod method, int backupCodesLeft, boolean signInAlerts,
            String maskedPhone, String passwordChangedOn, boolean passwordOld) {
    }

    record JournalLine(String at, String sourceIp, String device, SignInJournal.Result result) {
    }

    /** @param ref stands for the session id in forms; a digest, so the page never carries an id that signs in */
    record SessionLine(String ref, String device, String sourceIp, String signedInAt, String lastUsedAt, boolean current) {
    }

    record Overview(Status status, List<JournalLine> journal, List<SessionLine> sessions) {
    }

    /** The signed-in person's account; a session that outlived its account finds nothing here. */
    Account account(CitizenPrincipal me) {
        return accounts.byId(me.accountId()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    Status status(Account account) {
        Instant now = clock.instant();
        return new Status(account.twoStepEnabled(), account.twoStepMethod(),
                account.twoStepEnabled() ? backupStore.unused(account.id()).size() : 0, account.signInAlerts(),
                PhoneNumber.parse(account.phone()).masked(), DATE.format(account.passwordChangedAt()),
                account.passwordChangedAt().plus(PASSWORD_AGE).isBefore(now));
    }

    Overview overview(CitizenPrincipal me, @Nullable String currentSession) {
        Account account = account(me);
        List<JournalLine> lines = journal.latest(account.id()).stream()
                .map(e -> new JournalLine(TIME.format(e.at()), orDash(e.sourceIp()), orDash(e.device()), e.result()))
                .toList();
        List<SessionLine> active = sessions.of(me.getName(), currentSession).stream()
                .map(s -> new SessionLine(ref(s.id()), orDash(s.device()), orDash(s.sourceIp()), TIME.format(s.signedInAt()),
                        TIME.format(s.lastUsedAt()), s.current()))
                .toList();
        return new Overview(status(account), lines, active);
    }

    void signInAlerts(CitizenPrincipal me, boolean on, String sourceIp) {
        transactions.executeWithoutResult(status -> {
            accounts.setSignInAlerts(me.accountId(), on);
            audit.changed(me.accountId(), "identity.sign-in-alerts", sourceIp, Map.of("enabled", String.valueOf(on)));
        });
    }

    /**
     * Ends another session of the same person. The current one is not ended here: signing out
     * does that, with the page that goes with it.
     *
     * @return false when no other session of this person has that reference (already ended)
     */
    boolean endSession(CitizenPrincipal me, String ref, @Nullable String currentSession, String sourceIp) {
        Optional<Sessions.ActiveSession> found = sessions.of(me.getName(), currentSession).stream()
                .filter(s -> !s.current() && MessageDigest.isEqual(bytes(ref(s.id())), bytes(ref)))
                .findFirst();
        if (found.isEmpty() || !sessions.end(me.getName(), found.get().id())) {
            return false;
        }
        Sessions.ActiveSession ended = found.get();
        audit.changed(me.accountId(), "identity.session-end", sourceIp,
                Map.of("device", orDash(ended.device()), "sessionSourceIp", orDash(ended.sourceIp())));
        return true;
    }

    int endOtherSessions(CitizenPrincipal me, @Nullable String currentSession, String sourceIp) {
        int ended = sessions.endAllExcept(me.getName(), currentSession);
        audit.changed(me.accountId(), "identity.sessions-end-others", sourceIp, Map.of("ended", String.valueOf(ended)));
        return ended;
    }

    /** Unguessable and stable for the session's life; says nothing about the id it stands for. */
    static String ref(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("gospochta/session-ref/v1:" + sessionId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String orDash(@Nullable String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
