package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.contacts.internal.DisposableDomains;

@DisplayName("CNT-1: the maintained list of throw-away mailbox domains")
class DisposableDomainsTests {

    static final DisposableDomains SHIPPED = new DisposableDomains();

    @Test
    @DisplayName("CNT-1: the shipped list says where it comes from, under which licence and when")
    void headerNamesSourceAndLicence() throws IOException {
        List<String> header = shippedLines().stream().takeWhile(line -> line.startsWith("#")).toList();

        assertThat(header).anySatisfy(line -> assertThat(line)
                .startsWith("# Source:").contains("github.com/disposable-email-domains/disposable-email-domains"));
        assertThat(header).anySatisfy(line -> assertThat(line).contains("disposable_email_blocklist.conf"));
        assertThat(header).anySatisfy(line -> assertThat(line).startsWith("# Licence:").contains("CC0"));
        assertThat(header).anySatisfy(line -> assertThat(line).matches("# Updated: \\d{4}-\\d{2}-\\d{2}"));
        assertThat(header).anySatisfy(line -> assertThat(line).contains("scripts/update-disposable-domains.sh"));
    }

    @Test
    @DisplayName("CNT-1: every entry is a lower-case ASCII domain, and the list is not a stub")
    void entriesAreDomains() throws IOException {
        List<String> entries = shippedLines().stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertThat(entries).allMatch(entry -> entry.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+"));
        assertThat(entries).doesNotHaveDuplicates();
        assertThat(SHIPPED.size()).isEqualTo(entries.size()).isGreaterThan(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail.ru", "yandex.ru", "ya.ru", "bk.ru", "list.ru", "inbox.ru", "internet.ru", "rambler.ru",
            "gmail.com", "outlook.com", "hotmail.com", "icloud.com", "yahoo.com", "proton.me", "gosuslugi.ru", "xn--p1ai"})
    @DisplayName("CNT-1: the mailbox services people keep are not on the list")
    void realProvidersAreNotListed(String domain) {
        assertThat(SHIPPED.contains(domain)).isFalse();
        assertThat(SHIPPED.contains("box." + domain)).isFalse();
    }

    @Test
    @DisplayName("CNT-1: a listed domain is refused with all its subdomains, and nothing that merely ends alike")
    void subdomainsAreListedToo() {
        DisposableDomains list = DisposableDomains.of("Throwaway.Test");

        assertThat(list.contains("throwaway.test")).isTrue();
        assertThat(list.contains("a.b.throwaway.test")).isTrue();
        assertThat(list.contains("notthrowaway.test")).isFalse();
        assertThat(list.contains("test")).isFalse();
    }

    @Test
    @DisplayName("CNT-1: the update script downloads the upstream list and keeps the header")
    void updateScriptPointsUpstream() throws IOException {
        String script = Files.readString(Path.of("scripts/update-disposable-domains.sh"));

        assertThat(script).contains("disposable-email-domains/disposable-email-domains")
                .contains("disposable_email_blocklist.conf")
                .contains("src/main/resources/contacts/disposable-domains.txt");
        assertThat(Files.isExecutable(Path.of("scripts/update-disposable-domains.sh"))).isTrue();
    }

    private static List<String> shippedLines() throws IOException {
        try (InputStream in = DisposableDomainsTests.class.getResourceAsStream(DisposableDomains.SHIPPED_LIST)) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
