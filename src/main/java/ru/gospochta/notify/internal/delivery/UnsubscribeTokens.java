package ru.gospochta.notify.internal.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;


import org.springframework.stereotype.Component;

import ru.gospochta.notify.Category;
import ru.gospochta.platform.KeyedMac;
import ru.gospochta.platform.ServerKeys;

/**
 * The token of a one-click unsubscribe link (RFC 8058): the account and category, signed with a
 * server key, so the link works without signing in and cannot be forged for another citizen. It
 * never expires — a letter read months later must still let its reader stop the next ones.
 */
@Component
public class UnsubscribeTokens {

    public record Unsubscribe(UUID account, Category category) {
    }

    private final KeyedMac mac;

    public UnsubscribeTokens(ServerKeys keys) {
        this.mac = KeyedMac.hmacSha256(keys.key("notify-unsubscribe"));
    }

    public String token(UUID account, Category category) {
        String body = account + "." + category.code();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "."
                + mac(body);
    }

    public Optional<Unsubscribe> read(String token) {
        int dot = token.lastIndexOf('.');
        if (dot <= 0 || token.length() > 300) {
            return Optional.empty();
        }
        try {
            String body = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII),
                    token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            int sep = body.indexOf('.');
            return Category.byCode(body.substring(sep + 1)).map(c -> new Unsubscribe(UUID.fromString(body.substring(0, sep)), c));
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    private String mac(String body) {
        byte[] full = mac.of(body.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 16));
    }
}
