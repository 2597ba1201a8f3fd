package ru.gospochta.identity.factors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;

class TotpTests {

    /** The SHA-1 seed of RFC 6238 Appendix B. */
    static final TotpSecret RFC_SECRET = TotpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    static final TotpSecret OTHER_SECRET = TotpSecret.of("abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII));
    static final Instant NOW = Instant.ofEpochSecond(1_111_111_111);

    static Totp at(Instant instant) {
        return new Totp(Clock.fixed(instant, ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "{0} s → {1}")
    @CsvSource({
            "59, 287082",
            "1111111109, 081804",
            "1111111111, 050471",
            "1234567890, 005924",
            "2000000000, 279037",
            "20000000000, 353130"})
    @DisplayName("ACC-3: codes are the last six digits of the RFC 6238 Appendix B SHA-1 vectors")
    void computesRfcTestVectors(long epochSecond, String code) {
        Instant instant = Instant.ofEpochSecond(epochSecond);

        assertThat(at(instant).codeAt(RFC_SECRET, instant)).isEqualTo(code);
        assertThat(at(instant).verify(RFC_SECRET, code, Totp.NO_STEP_USED)).hasValue(epochSecond / 30);
    }

    @Test
    @DisplayName("ACC-3: the codes of the step before and after the current one are accepted")
    void acceptsOneStepEitherSide() {
        Totp totp = at(NOW);
        long current = Totp.stepAt(NOW);

        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, NOW.minusSeconds(30)), Totp.NO_STEP_USED))
                .hasValue(current - 1);
        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, NOW), Totp.NO_STEP_USED)).hasValue(current);
        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, NOW.plusSeconds(30)), Totp.NO_STEP_USED))
                .hasValue(current + 1);
    }

    @Test
    @DisplayName("ACC-3: codes two steps away are refused")
    void refusesTwoStepsAway() {
        Totp totp = at(NOW);

        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, NOW.minusSeconds(60)), Totp.NO_STEP_USED)).isEmpty();
        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, NOW.plusSeconds(60)), Totp.NO_STEP_USED)).isEmpty();
    }

    @Test
    @DisplayName("ACC-3: a code is used once; no step at or before the last used one is accepted again")
    void refusesReplay() {
        Totp totp = at(NOW);
        String code = totp.codeAt(RFC_SECRET, NOW);
        long used = totp.verify(RFC_SECRET, code, Totp.NO_STEP_USED).orElseThrow();

        assertThat(totp.verify(RFC_SECRET, code, used)).isEmpty();
        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, NOW.minusSeconds(30)), used)).isEmpty();
        assertThat(totp.verify(RFC_SECRET, totp.codeAt(RFC_SECRET, NOW.plusSeconds(30)), used)).hasValue(used + 1);
    }

    @Test
    @DisplayName("ACC-3: a wrong code is refused")
    void refusesWrongCode() {
        Totp totp = at(NOW);
        String code = totp.codeAt(RFC_SECRET, NOW);
        String wrong = (code.charAt(0) == '9' ? "0" : String.valueOf((char) (code.charAt(0) + 1))) + code.substring(1);

        assertThat(totp.verify(RFC_SECRET, wrong, Totp.NO_STEP_USED)).isEmpty();
        assertThat(totp.verify(OTHER_SECRET, code, Totp.NO_STEP_USED)).isEmpty();
    }

    @Test
    @DisplayName("ACC-3: a code typed with spaces, as apps show it, is accepted")
    void acceptsSpaces() {
        assertThat(at(NOW).verify(RFC_SECRET, "050 471", Totp.NO_STEP_USED)).isPresent();
        assertThat(at(NOW).verify(RFC_SECRET, " 050471 ", Totp.NO_STEP_USED)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "05047", "0504711", "05047a", "-50471", "05047\u0661", "050\t471", "050-471"})
    @DisplayName("ACC-3: anything but six ASCII digits is refused")
    void refusesMalformedCodes(String typed) {
        assertThat(at(NOW).verify(RFC_SECRET, typed, Totp.NO_STEP_USED)).isEmpty();
    }

    @Test
    @DisplayName("ACC-3: an oversized input is refused")
    void refusesOversizedInput() {
        assertThat(at(NOW).verify(RFC_SECRET, " ".repeat(100_000) + "050471", Totp.NO_STEP_USED)).isEmpty();
    }

    @Test
    @DisplayName("ACC-3: the Base32 secret is what Google Authenticator expects: A–Z and 2–7, no padding")
    void encodesSecretAsAuthenticatorsDo() {
        assertThat(RFC_SECRET.base32()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(RFC_SECRET.displayed()).isEqualTo("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assertThat(TotpSecret.of(new byte[16]).base32()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    @DisplayName("ACC-3: a new secret is 160 random bits and survives the Base32 round trip")
    void newSecretRoundTrips() {
        TotpSecret secret = Totp.newSecret();

        assertThat(secret.bytes()).hasSize(20).isNotEqualTo(Totp.newSecret().bytes());
        assertThat(secret.base32()).matches("[A-Z2-7]{32}");
        assertThat(TotpSecret.fromBase32(secret.base32()).bytes()).isEqualTo(secret.bytes());
        assertThat(TotpSecret.fromBase32(secret.displayed().toLowerCase()).bytes()).isEqualTo(secret.bytes());
        assertThat(secret.toString()).doesNotContain(secret.base32());
    }

    @Test
    @DisplayName("ACC-3: text that is not Base32, or too short to be a secret, is refused")
    void refusesBadBase32() {
        assertThatIllegalArgumentException().isThrownBy(() -> TotpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1"));
        assertThatIllegalArgumentException().isThrownBy(() -> TotpSecret.fromBase32("GEZDGNBV"));
        assertThatIllegalArgumentException().isThrownBy(() -> TotpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQG"));
    }

    @Test
    @DisplayName("ACC-3: the otpauth URI names the issuer «Госпочта» in UTF-8 and the parameters apps need")
    void buildsOtpauthUri() {
        String uri = at(NOW).otpauthUri(RFC_SECRET, "Госпочта", "ivan.petrov+2fa@example.ru");

        String issuer = "%D0%93%D0%BE%D1%81%D0%BF%D0%BE%D1%87%D1%82%D0%B0";
        assertThat(uri).isEqualTo("otpauth://totp/" + issuer + ":ivan.petrov%2B2fa%40example.ru"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=" + issuer
                + "&algorithm=SHA1&digits=6&period=30");
        URI parsed = URI.create(uri);
        assertThat(parsed.getScheme()).isEqualTo("otpauth");
        assertThat(parsed.getPath()).isEqualTo("/Госпочта:ivan.petrov+2fa@example.ru");
    }

    @Test
    @DisplayName("ACC-3: spaces in the label are %20, never «+» which apps would show")
    void encodesSpacesInLabel() {
        assertThat(at(NOW).otpauthUri(RFC_SECRET, "Госпочта", "+7 *** ***-45-67"))
                .contains(":%2B7%20%2A%2A%2A%20%2A%2A%2A-45-67?");
    }

    @Test
    @DisplayName("ACC-3: an issuer or label with a colon would be split wrongly by the apps and is refused")
    void refusesColonsInLabel() {
        assertThatIllegalArgumentException().isThrownBy(() -> at(NOW).otpauthUri(RFC_SECRET, "Гос:почта", "ivan"));
        assertThatIllegalArgumentException().isThrownBy(() -> at(NOW).otpauthUri(RFC_SECRET, "Госпочта", "a:b"));
        assertThatIllegalArgumentException().isThrownBy(() -> at(NOW).otpauthUri(RFC_SECRET, "Госпочта", " "));
    }
}
