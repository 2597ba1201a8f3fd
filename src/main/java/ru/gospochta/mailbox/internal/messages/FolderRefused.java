package ru.gospochta.mailbox.internal.messages;

/** A folder could not be created or renamed; {@link #code()} is the key of the message that says why. */
public final class FolderRefused extends RuntimeException {

    public enum Reason {
        NAME_BLANK, NAME_TOO_LONG, NAME_INVALID, NAME_TAKEN, TOO_MANY
    }

    private final Reason reason;

    FolderRefused(Reason reason) {
        super("folder refused: " + reason);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return "mailbox.folders.refused." + reason.name().toLowerCase().replace('_', '-');
    }
}
