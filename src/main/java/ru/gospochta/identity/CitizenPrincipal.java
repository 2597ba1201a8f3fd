package ru.gospochta.identity;

import java.io.Serializable;
import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in citizen as other modules see them: the account id and a name to greet with.
 * Controllers take it with {@code @AuthenticationPrincipal}.
 */
public record CitizenPrincipal(UUID accountId, String displayName) implements AuthenticatedPrincipal, Serializable {

    public static final String ROLE = "CITIZEN";

    /** Also the principal name under which the citizen's web sessions are indexed. */
    @Override
    public String getName() {
        return nameOf(accountId);
    }

    /** The principal name of an account, for finding its sessions without a principal at hand. */
    public static String nameOf(UUID accountId) {
        return "citizen:" + accountId;
    }
}
