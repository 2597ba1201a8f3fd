package ru.gospochta.identity.internal.settings;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import ru.gospochta.identity.PasswordViolation;

/**
 * A change to the security settings was refused and nothing changed. The reason decides what the
 * page says ({@link RefusalMessages}) and what the audit log records.
 */
class SettingsRefused extends RuntimeException {

    enum Reason {
        WRONG_PASSWORD, WRONG_CODE, CODE_EXPIRED, CODE_EXHAUSTED, NO_CODE,
        /** Too many wrong answers: the account waits (ACC-7). */
        MUST_WAIT,
        /** The phone had its SMS for now. */
        SMS_LIMIT,
        PASSWORDS_DIFFER, SAME_PASSWORD, WEAK_PASSWORD,
        TWO_STEP_OFF,
        /** The key being enrolled is no longer in the session (it ended, or another tab confirmed it). */
        ENROLMENT_GONE;

        /** Lower-case words joined by hyphens, for message keys and audit details. */
        String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;
    private final @Nullable Duration wait;
    private final List<PasswordViolation> violations;

    private SettingsRefused(Reason reason, @Nullable Duration wait, List<PasswordViolation> violations) {
        // No message with user input in it: exceptions reach logs.
        super("refused: " + reason, null, false, false);
        this.reason = reason;
        this.wait = wait;
        this.violations = List.copyOf(violations);
    }

    static SettingsRefused because(Reason reason) {
        return new SettingsRefused(reason, null, List.of());
    }

    static SettingsRefused waiting(Duration wait) {
        return new SettingsRefused(Reason.MUST_WAIT, wait, List.of());
    }

    static SettingsRefused smsLimit(Duration wait) {
        return new SettingsRefused(Reason.SMS_LIMIT, wait, List.of());
    }

    static SettingsRefused weak(List<PasswordViolation> violations) {
        return new SettingsRefused(Reason.WEAK_PASSWORD, null, violations);
    }

    Reason reason() {
        return reason;
    }

    Optional<Duration> waitTime() {
        return Optional.ofNullable(wait);
    }

    List<PasswordViolation> violations() {
        return violations;
    }
}
