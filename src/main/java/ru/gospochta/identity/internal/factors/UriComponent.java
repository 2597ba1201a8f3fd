package ru.gospochta.identity.internal.factors;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding of a path segment or query value. {@link java.net.URLEncoder} is
 * not used because it writes spaces as «+», which authenticator apps show literally.
 */
final class UriComponent {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriComponent() {
    }

    static String encode(String value) {
        StringBuilder encoded = new StringBuilder(value.length() * 3);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            if (isUnreserved(b)) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0x0f]).append(HEX[b & 0x0f]);
            }
        }
        return encoded.toString();
    }

    private static boolean isUnreserved(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }
}
