/**
 * Agency gateway: the registry of agencies and their information systems, the OAuth 2.0 client
 * credentials each system holds, the token issuer and the API the systems call (GW-1): messages
 * to citizens and events of the notification catalogue (GW-2, NTF-1), and the signed callbacks
 * that report their statuses back to the systems (GW-3).
 */
@ApplicationModule(displayName = "Agency gateway", allowedDependencies = {"platform", "audit", "identity", "mailbox", "notify"})
@NullMarked
package ru.gospochta.gateway;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
