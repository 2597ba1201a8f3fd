package ru.gospochta.gateway.internal;

/** A credential together with the system and the agency it belongs to. */
public record OwnedCredential(Credential credential, AgencySystem system, Agency agency) {
}
