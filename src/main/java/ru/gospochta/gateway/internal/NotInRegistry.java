package ru.gospochta.gateway.internal;

/** The agency, system or credential named in a request is not in the registry (or not where the address says). */
public class NotInRegistry extends RuntimeException {

    public NotInRegistry(String what) {
        super(what + " is not in the registry");
    }
}
