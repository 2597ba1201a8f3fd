package ru.gospochta.gateway.internal.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Gospochta-Signature} header of a callback (GW-3), in the form Stripe made familiar:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. The time is signed with the body,
 * so a receiver that refuses old times refuses a recorded callback played again; {@code v1} names
 * the scheme, so another can be added beside it without breaking receivers.
 */
final class CallbackSignature {

    static final String HEADER = "Gospochta-Signature";
    static final String ID_HEADER = "Gospochta-Callback-Id";

    private CallbackSignature() {
    }

    /**
     * @param secret the system's callback secret as shown to the administrator; its ASCII bytes are the key
     * @param epochSecond the time of sending
     * @param body the exact bytes of the request body, as UTF-8 text
     */
    static String header(String secret, long epochSecond, String body) {
        return "t=" + epochSecond + ",v1=" + hmac(secret, epochSecond + "." + body);
    }

    static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
