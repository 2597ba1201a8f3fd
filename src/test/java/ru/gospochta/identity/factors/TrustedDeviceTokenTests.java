package ru.gospochta.identity.factors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.internal.factors.TrustedDevice;
import ru.gospochta.identity.internal.factors.TrustedDeviceToken;

class TrustedDeviceTokenTests {

    static final byte[] KEY = new byte[32];
    static final byte[] OTHER_KEY = new byte[32];
    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 8);
    }
    static final UUID ACCOUNT = UUID.fromString("3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f4a6b");
    static final Instant NOW = Instant.parse("2026-11-23T09:15:30.250Z");

    final TrustedDeviceToken tokens = new TrustedDeviceToken(KEY);

    @Test
    @DisplayName("ACC-3: a remembered device is recognised for 30 days with its account and password version")
    void recognisesRememberedDevice() {
        String cookie = tokens.issue(ACCOUNT, 4, NOW);

        TrustedDevice device = tokens.verify(cookie, NOW.plus(Duration.ofDays(29))).orElseThrow();

        assertThat(device.account()).isEqualTo(ACCOUNT);
        assertThat(device.passwordVersion()).isEqualTo(4);
        assertThat(device.expiresAt()).isEqualTo(Instant.parse("2026-12-23T09:15:30Z"));
        assertThat(cookie).matches("[A-Za-z0-9_-]+").hasSizeLessThan(120);
    }

    @Test
    @DisplayName("ACC-6: each remembered device gets its own id, so it can be forgotten alone")
    void givesEachDeviceItsOwnId() {
        UUID first = tokens.verify(tokens.issue(ACCOUNT, 1, NOW), NOW).orElseThrow().deviceId();
        UUID second = tokens.verify(tokens.issue(ACCOUNT, 1, NOW), NOW).orElseThrow().deviceId();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    @DisplayName("ACC-3: an expired token is refused from the moment it expires")
    void refusesExpired() {
        String cookie = tokens.issue(ACCOUNT, 1, NOW);
        Instant expiry = tokens.verify(cookie, NOW).orElseThrow().expiresAt();

        assertThat(tokens.verify(cookie, expiry.minusSeconds(1))).isPresent();
        assertThat(tokens.verify(cookie, expiry)).isEmpty();
        assertThat(tokens.verify(cookie, NOW.plus(Duration.ofDays(31)))).isEmpty();
    }

    @Test
    @DisplayName("ACC-3: a token with any byte changed — account, expiry, password version — is refused")
    void refusesTamperedPayload() {
        byte[] token = Base64.getUrlDecoder().decode(tokens.issue(ACCOUNT, 1, NOW));

        for (int i = 0; i < token.length; i++) {
            byte[] tampered = token.clone();
            tampered[i] ^= 0x01;
            String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThat(tokens.verify(cookie, NOW)).as("byte %d changed", i).isEmpty();
        }
    }

    @Test
    @DisplayName("ACC-3: a token signed with another key is refused")
    void refusesForeignSignature() {
        String foreign = new TrustedDeviceToken(OTHER_KEY).issue(ACCOUNT, 1, NOW);

        assertThat(tokens.verify(foreign, NOW)).isEmpty();
    }

    @Test
    @DisplayName("ACC-3: a token whose signature is swapped for another token's is refused")
    void refusesSpliced() {
        String mine = tokens.issue(ACCOUNT, 1, NOW);
        String other = tokens.issue(UUID.randomUUID(), 9, NOW);

        String spliced = other.substring(0, 60) + mine.substring(60);

        assertThat(tokens.verify(spliced, NOW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "!!!", "null", "a.b.c", " ", "%00"})
    @DisplayName("ACC-3: garbage is refused without an exception")
    void refusesGarbage(String cookie) {
        assertThat(tokens.verify(cookie, NOW)).isEmpty();
    }

    @Test
    @DisplayName("ACC-3: right-sized garbage, oversized and re-spelt tokens are refused without an exception")
    void refusesMalformed() {
        String cookie = tokens.issue(ACCOUNT, 1, NOW);

        assertThat(tokens.verify("A".repeat(cookie.length()), NOW)).isEmpty();
        assertThat(tokens.verify("*".repeat(cookie.length()), NOW)).isEmpty();
        assertThat(tokens.verify(cookie + "A", NOW)).isEmpty();
        assertThat(tokens.verify(cookie + "==", NOW)).isEmpty();
        assertThat(tokens.verify(cookie.substring(1), NOW)).isEmpty();
        assertThat(tokens.verify(cookie.repeat(1000), NOW)).isEmpty();
        assertThat(tokens.verify(Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(cookie)), NOW))
                .as("standard, padded base64").isEmpty();
    }

    @Test
    @DisplayName("ACC-3: the last character may carry spare bits; only the canonical spelling is accepted")
    void refusesNonCanonicalSpelling() {
        String cookie = tokens.issue(ACCOUNT, 1, NOW);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = cookie.charAt(cookie.length() - 1);
        // 77 bytes leave 2 spare bits in the 103rd character; setting one keeps the decoded bytes.
        char respelt = alphabet.charAt(alphabet.indexOf(last) ^ 0x01);

        assertThat(tokens.verify(cookie.substring(0, cookie.length() - 1) + respelt, NOW)).isEmpty();
    }

    @Test
    @DisplayName("A key shorter than 256 bits is refused")
    void refusesShortKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TrustedDeviceToken(new byte[16]));
    }
}
