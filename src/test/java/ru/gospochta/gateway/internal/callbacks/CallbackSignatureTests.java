package ru.gospochta.gateway.internal.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackSignatureTests {

    @Test
    @DisplayName("GW-3: Gospochta-Signature is t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\"> keyed with the secret's ASCII bytes")
    void headerFormat() {
        // The expected value was computed apart from this code: Python's hmac.new(key, msg, hashlib.sha256).hexdigest().
        assertThat(CallbackSignature.header("whsec-test", 1_767_225_600L, "{\"type\":\"message.status\"}"))
                .isEqualTo("t=1767225600,v1=9a510c988e79e4cf6e2d0d3bec14282789b24557bb5d27d0fa1eeb12b6810001");
    }

    @Test
    @DisplayName("GW-3: the time is signed with the body, so the same body at another time has another signature")
    void timeIsSigned() {
        String body = "{\"type\":\"message.status\"}";
        assertThat(CallbackSignature.header("s", 1L, body).substring(4)).isNotEqualTo(CallbackSignature.header("s", 2L, body).substring(4));
    }
}
