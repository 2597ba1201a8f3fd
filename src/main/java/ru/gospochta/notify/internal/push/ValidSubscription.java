package ru.gospochta.notify.internal.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A browser's {@code PushSubscription} that passed the checks: an endpoint of a known push service
 * over https, a public key that is a point of P-256, and a 16-byte auth secret. Anything else would
 * only fail at the first message, or let a made-up subscription aim the server at another address.
 */
record ValidSubscription(URI endpoint, byte[] p256dh, byte[] auth) {

    static final int MAX_ENDPOINT = 2048;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    /** Why a subscription was refused; the code is a message key of the notify-push bundle. */
    static final class Refused extends Exception {

        private final String code;

        Refused(String code) {
            super(code, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /**
     * Checks what a browser's {@code PushSubscription.toJSON()} holds.
     *
     * @param hosts the push services accepted, by host name and its sub-domains; empty: any
     * @param allowLocal accept http and https endpoints on this machine (development and tests)
     */
    static ValidSubscription check(@Nullable String endpoint, @Nullable String p256dh, @Nullable String auth,
            List<String> hosts, boolean allowLocal) throws Refused {
        URI uri = endpoint(endpoint, hosts, allowLocal);
        byte[] key = decode(p256dh, "notify.push.refused.key");
        try {
            P256.publicKey(key);
        } catch (GeneralSecurityException notAPoint) {
            throw new Refused("notify.push.refused.key");
        }
        byte[] secret = decode(auth, "notify.push.refused.auth");
        if (secret.length != PushEncryption.AUTH_SECRET_BYTES) {
            throw new Refused("notify.push.refused.auth");
        }
        return new ValidSubscription(uri, key, secret);
    }

    private static URI endpoint(@Nullable String endpoint, List<String> hosts, boolean allowLocal) throws Refused {
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > MAX_ENDPOINT) {
            throw new Refused("notify.push.refused.endpoint");
        }
        URI uri;
        try {
            uri = new URI(endpoint.strip());
        } catch (URISyntaxException malformed) {
            throw new Refused("notify.push.refused.endpoint");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused("notify.push.refused.endpoint");
        }
        if (allowLocal && LOOPBACK.contains(host) && (scheme.equals("http") || scheme.equals("https"))) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw new Refused("notify.push.refused.endpoint");
        }
        if (!hosts.isEmpty() && hosts.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .noneMatch(known -> host.equals(known) || host.endsWith("." + known))) {
            throw new Refused("notify.push.refused.service");
        }
        return uri;
    }

    private static byte[] decode(@Nullable String base64url, String refusal) throws Refused {
        if (base64url == null || base64url.isBlank()) {
            throw new Refused(refusal);
        }
        try {
            // Browsers send base64url without padding; the plain alphabet is taken too, as some libraries send it.
            return Base64.getUrlDecoder().decode(base64url.strip().replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException notBase64) {
            throw new Refused(refusal);
        }
    }
}
