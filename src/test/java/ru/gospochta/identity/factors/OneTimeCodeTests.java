package ru.gospochta.identity.factors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.HashSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.identity.internal.factors.OneTimeCode;
import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;

class OneTimeCodeTests {

    static final byte[] KEY = new byte[32];
    static final byte[] OTHER_KEY = new byte[32];
    static {
        Arrays.fill(KEY, (byte) 3);
        Arrays.fill(OTHER_KEY, (byte) 4);
    }
    static final String PHONE = "+79161234567";

    final OneTimeCode codes = new OneTimeCode(KEY);

    @Test
    @DisplayName("ACC-3: codes are six digits, leading zeros kept")
    void generatesSixDigits() {
        var generated = IntStream.range(0, 1000).mapToObj(i -> OneTimeCode.newCode()).toList();

        assertThat(generated).allSatisfy(code -> assertThat(code).matches("[0-9]{6}"));
        assertThat(generated).anySatisfy(code -> assertThat(code).startsWith("0"));
        assertThat(new HashSet<>(generated)).as("random, not a sequence").hasSizeGreaterThan(990);
    }

    @Test
    @DisplayName("ACC-3: the code matches for the purpose and target it was sent for, typed with spaces too")
    void matchesItsOwnPurposeAndTarget() {
        String hash = codes.hash("042917", Purpose.SIGN_IN, PHONE);

        assertThat(codes.matches("042917", Purpose.SIGN_IN, PHONE, hash)).isTrue();
        assertThat(codes.matches("042 917", Purpose.SIGN_IN, PHONE, hash)).isTrue();
    }

    @Test
    @DisplayName("ACC-3: a code for one purpose never works for another")
    void refusesOtherPurpose() {
        String hash = codes.hash("042917", Purpose.SIGN_IN, PHONE);

        for (Purpose other : Purpose.values()) {
            if (other != Purpose.SIGN_IN) {
                assertThat(codes.matches("042917", other, PHONE, hash)).as(other.name()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("ACC-3: a code sent to one phone never works for another")
    void refusesOtherTarget() {
        String hash = codes.hash("042917", Purpose.SIGN_IN, PHONE);

        assertThat(codes.matches("042917", Purpose.SIGN_IN, "+79161234568", hash)).isFalse();
        assertThat(codes.matches("042917", Purpose.SIGN_IN, "ivan@example.ru", hash)).isFalse();
    }

    @Test
    @DisplayName("ACC-3: a wrong code, or a hash made under another server key, does not match")
    void refusesWrongCodeAndForeignKey() {
        String hash = codes.hash("042917", Purpose.SIGN_IN, PHONE);

        assertThat(codes.matches("042918", Purpose.SIGN_IN, PHONE, hash)).isFalse();
        assertThat(codes.matches("42917", Purpose.SIGN_IN, PHONE, hash)).isFalse();
        assertThat(new OneTimeCode(OTHER_KEY).matches("042917", Purpose.SIGN_IN, PHONE, hash)).isFalse();
    }

    @Test
    @DisplayName("ACC-3: malformed input and damaged hashes are refused without an exception")
    void refusesMalformed() {
        String hash = codes.hash("042917", Purpose.SIGN_IN, PHONE);

        assertThat(codes.matches("", Purpose.SIGN_IN, PHONE, hash)).isFalse();
        assertThat(codes.matches("04291a", Purpose.SIGN_IN, PHONE, hash)).isFalse();
        assertThat(codes.matches("0429170", Purpose.SIGN_IN, PHONE, hash)).isFalse();
        assertThat(codes.matches("04291\u0667", Purpose.SIGN_IN, PHONE, hash)).isFalse();
        assertThat(codes.matches(" ".repeat(100_000) + "042917", Purpose.SIGN_IN, PHONE, hash)).isFalse();
        assertThat(codes.matches("042917", Purpose.SIGN_IN, PHONE, "not base64!")).isFalse();
        assertThat(codes.matches("042917", Purpose.SIGN_IN, PHONE, hash.substring(1))).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> codes.hash("42917", Purpose.SIGN_IN, PHONE));
    }

    @Test
    @DisplayName("ACC-3: the stored form is a keyed hash that does not hold the code")
    void storesKeyedHash() {
        String hash = codes.hash("042917", Purpose.SIGN_IN, PHONE);

        assertThat(hash).matches("[A-Za-z0-9_-]{43}").doesNotContain("042917");
        assertThat(codes.hash("042917", Purpose.SIGN_IN, PHONE)).isEqualTo(hash);
        assertThat(new OneTimeCode(OTHER_KEY).hash("042917", Purpose.SIGN_IN, PHONE)).isNotEqualTo(hash);
    }
}
