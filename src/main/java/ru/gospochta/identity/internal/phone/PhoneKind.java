package ru.gospochta.identity.internal.phone;

import java.util.Arrays;
import java.util.Optional;

import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;

/**
 * Which number a change is about. Each has its own code purpose, so a code sent to confirm a
 * backup number never moves the account to that number.
 */
enum PhoneKind {

    /** The number the account signs in and receives codes with. */
    MAIN("change", Purpose.PHONE_CHANGE, "identity.phone-change"),
    /** The second number, for when the main one is out of reach. */
    BACKUP("backup", Purpose.BACKUP_PHONE, "identity.backup-phone-set");

    private final String path;
    private final Purpose purpose;
    private final String auditAction;

    PhoneKind(String path, Purpose purpose, String auditAction) {
        this.path = path;
        this.purpose = purpose;
        this.auditAction = auditAction;
    }

    /** The segment of the pages' addresses, also the suffix of the message keys that differ by kind. */
    String path() {
        return path;
    }

    Purpose purpose() {
        return purpose;
    }

    String auditAction() {
        return auditAction;
    }

    static Optional<PhoneKind> ofPath(String path) {
        return Arrays.stream(values()).filter(kind -> kind.path.equals(path)).findFirst();
    }
}
