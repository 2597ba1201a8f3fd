package ru.gospochta.gateway.internal.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.gateway.internal.RegistryRefused;

class CallbackUrlTests {

    @ParameterizedTest
    @ValueSource(strings = {"https://ais.example.ru/gospochta/callbacks", "  https://ais.example.ru:8443/cb?system=7  ",
            "https://93.184.216.34/callbacks", "https://[2a00:1450:4010:c0e::64]/cb", "HTTPS://Example.RU/"})
    @DisplayName("GW-3: an https address of a name or a public IP is accepted")
    void acceptsPublicHttps(String typed) {
        assertThat(CallbackUrl.parse(typed, false).uri().getHost()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({
            "'', empty",
            "ftp://example.ru/callbacks, scheme",
            "http://example.ru, scheme",
            "http://example.ru/callbacks, scheme",
            "example.ru/callbacks, invalid",
            "https://, invalid",
            "https://exa mple.ru/, invalid",
            "https://ais.example.ru/cb#part, invalid",
            "https://user:password@ais.example.ru/cb, credentials",
            "https://10.0.0.1/, private",
            "https://172.16.5.4/cb, private",
            "https://192.168.1.10/cb, private",
            "https://127.0.0.1/cb, private",
            "https://169.254.169.254/latest/meta-data, private",
            "https://100.64.0.1/cb, private",
            "https://0.0.0.0/cb, private",
            "https://[::1]/cb, private",
            "https://[fd00::1]/cb, private",
            "https://[fe80::1]/cb, private",
            "https://[::ffff:10.0.0.1]/cb, private",
            "https://localhost/cb, private",
            "https://api.localhost/cb, private",
            "https://2130706433/cb, invalid",
            "https://intranet/cb, private",
            "https://printer.local/cb, private",
            "https://my_host.example.ru/cb, invalid",
            "https://0x7f.1/cb, invalid",
            "https://999.1.1.1/cb, invalid",
            "http://127.0.0.1:8080/cb, scheme"})
    @DisplayName("GW-3: other schemes, plain http, credentials in the address, internal IP literals and loopback names are refused with their reason")
    void refuses(String typed, String problem) {
        assertThatThrownBy(() -> CallbackUrl.parse(typed, false))
                .isInstanceOfSatisfying(RegistryRefused.class, e -> assertThat(e.problems())
                        .containsEntry("callbackUrl", "gateway.callback.url." + problem));
    }

    @Test
    @DisplayName("GW-3: a Cyrillic domain is accepted and kept in its ASCII form; Cyrillic in the path is percent-encoded")
    void cyrillicDomain() {
        CallbackUrl url = CallbackUrl.parse("https://мвд.рф:8443/уведомления?система=1", false);

        assertThat(url.uri().getHost()).isEqualTo("xn--b1aew.xn--p1ai");
        assertThat(url.uri().getPort()).isEqualTo(8443);
        assertThat(url.toString()).startsWith("https://xn--b1aew.xn--p1ai:8443/%D1%83").doesNotContain("у");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/cb", "http://127.0.0.1:9000/cb", "https://127.0.0.1/cb", "http://[::1]:81/cb"})
    @DisplayName("GW-3: with allow-local, loopback is accepted over http for development and tests")
    void allowsLoopbackWhenLocal(String typed) {
        assertThat(CallbackUrl.parse(typed, true).uri().toString()).isEqualTo(typed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.ru/cb", "http://10.0.0.1/cb", "https://192.168.0.1/cb"})
    @DisplayName("GW-3: allow-local opens loopback only: plain http elsewhere and private networks stay refused")
    void localIsOnlyLoopback(String typed) {
        assertThatThrownBy(() -> CallbackUrl.parse(typed, true)).isInstanceOf(RegistryRefused.class);
    }

    @Test
    @DisplayName("GW-3: a URL longer than 2000 characters is refused")
    void tooLong() {
        assertThatThrownBy(() -> CallbackUrl.parse("https://example.ru/" + "a".repeat(2000), false))
                .isInstanceOfSatisfying(RegistryRefused.class, e -> assertThat(e.problems())
                        .containsEntry("callbackUrl", "gateway.callback.url.too-long"));
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8, true", "10.1.2.3, false", "172.31.255.255, false", "172.32.0.1, true", "198.18.0.1, false",
            "224.0.0.1, false", "255.255.255.255, false", "2a00:1450::1, true", "fc00::1, false"})
    @DisplayName("GW-3: the addresses a resolved name may have are told public from internal")
    void publicAddresses(String address, boolean expected) throws Exception {
        assertThat(CallbackUrl.isPublic(InetAddress.getByName(address))).isEqualTo(expected);
    }
}
