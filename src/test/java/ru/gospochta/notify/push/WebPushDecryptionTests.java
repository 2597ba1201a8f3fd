package ru.gospochta.notify.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The test's browser must decrypt exactly as RFC 8291 describes, or a round trip through it would
 * prove nothing: it reads the RFC's own example message (§5, values of Appendix A).
 */
@DisplayName("NTF-5: the test's browser decrypts Web Push messages as RFC 8291 describes")
class WebPushDecryptionTests {

    static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8"
            + "wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    @DisplayName("NTF-5: the example message of RFC 8291 §5 reads «When I grow up, I want to be a watermelon»")
    void decryptsTheRfcExample() throws GeneralSecurityException {
        TestBrowser browser = browser(AUTH);
        byte[] body = TestBrowser.UNBASE64URL.decode(BODY);

        assertThat(new String(browser.decrypt(body), StandardCharsets.UTF_8)).isEqualTo("When I grow up, I want to be a watermelon");
        TestBrowser.Header header = TestBrowser.header(body);
        assertThat(header.recordSize()).isEqualTo(4096);
        assertThat(TestBrowser.BASE64URL.encodeToString(header.keyId())).isEqualTo(AS_PUBLIC);
    }

    @Test
    @DisplayName("NTF-5: with another auth secret the same message does not decrypt")
    void anotherSecretFails() throws GeneralSecurityException {
        TestBrowser stranger = browser("AAAAAAAAAAAAAAAAAAAAAA");

        assertThatThrownBy(() -> stranger.decrypt(TestBrowser.UNBASE64URL.decode(BODY)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    private static TestBrowser browser(String auth) throws GeneralSecurityException {
        return TestBrowser.of(TestBrowser.UNBASE64URL.decode(UA_PRIVATE), TestBrowser.UNBASE64URL.decode(UA_PUBLIC),
                TestBrowser.UNBASE64URL.decode(auth));
    }
}
