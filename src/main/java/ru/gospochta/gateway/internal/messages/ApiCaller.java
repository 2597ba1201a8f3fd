package ru.gospochta.gateway.internal.messages;

import java.util.UUID;

/**
 * The agency system behind an API call, as its access token says.
 *
 * @param systemId the information system the credential was issued to
 * @param agencyId its agency
 * @param agencyName the agency's name as citizens see it
 * @param clientId the credential's client id, for the journal
 * @param test a test credential: its messages go to the sandbox, never to a mailbox
 */
record ApiCaller(UUID systemId, UUID agencyId, String agencyName, String clientId, boolean test) {
}
