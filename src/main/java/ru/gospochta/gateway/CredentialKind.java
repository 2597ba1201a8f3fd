package ru.gospochta.gateway;

import java.util.Locale;

/**
 * What a system's credential is for. Messages sent with a {@link #TEST} credential go to a
 * sandbox and never reach a citizen's mailbox, so an agency can try its integration safely;
 * every access token carries the kind in its {@code gospochta_env} claim.
 */
public enum CredentialKind {
    LIVE, TEST;

    /** The value of the token's {@code gospochta_env} claim: {@code live} or {@code test}. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }
}
