package ru.gospochta.gateway.internal.messages;

import java.util.List;

/**
 * The categories of NTF-1 an agency may give a message. Security notices (codes, sign-in alerts)
 * are the portal's own and cannot be sent through the gateway.
 */
final class Categories {

    static final List<String> AGENCY = List.of("application-status", "deadlines", "personal-data", "documents-ready",
            "payments", "new-services", "support");

    private Categories() {
    }
}
