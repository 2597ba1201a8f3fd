package ru.gospochta.platform;

/**
 * Secret keys the server signs and seals with (cookies, tokens). A key is taken from
 * configuration ({@code gospochta.keys.<name>}, base64) when set — every node of a cluster must
 * share it — else from {@code <data dir>/keys/<name>.key}, generated on first use and readable by
 * the owner only. No key is ever committed.
 */
public interface ServerKeys {

    /**
     * @param name lower-case letters, digits and hyphens, e.g. {@code trusted-device}
     * @return 32 bytes (or the configured key's bytes)
     */
    byte[] key(String name);
}
