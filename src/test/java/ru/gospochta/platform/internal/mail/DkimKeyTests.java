package ru.gospochta.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import ru.gospochta.platform.DataDirectory;
import ru.gospochta.platform.IndependentDkimVerifier;
import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.OutgoingMail;
import ru.gospochta.platform.StartupProblem;

/** The DKIM key as an operator configures it: a shared PEM file, or signing switched off. */
class DkimKeyTests {

    @TempDir Path folder;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MailProperties.class)
    static class Platform {

        @Bean(destroyMethod = "close")
        DataDirectory dataDirectory(Environment environment) {
            return DataDirectory.open(Path.of(environment.getRequiredProperty("test.data-dir")));
        }
    }

    ApplicationContextRunner mail() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Platform.class, MailConfiguration.class)
                .withPropertyValues("test.data-dir=" + folder.resolve("data"),
                        "gospochta.mail.catcher.smtp-port=0", "gospochta.mail.catcher.imap-port=0");
    }

    @Test
    @DisplayName("NTF-5: a configured PEM key signs for the configured domain and selector, and nothing is generated")
    void configuredKeySigns() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path pem = folder.resolve("dkim.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);

        mail().withPropertyValues("gospochta.mail.dkim.key-file=" + pem, "gospochta.mail.dkim.domain=gosuslugi.example",
                "gospochta.mail.dkim.selector=may2026").run(context -> {
                    context.getBean(OutgoingMail.class).send(new Letter("citizen@example.ru", "Тема", "Текст письма", null));
                    MimeMessage caught = context.getBean(MailCatcher.class).letters().getFirst();
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    caught.writeTo(raw);

                    String ownRecord = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
                    SignatureRecord signature = IndependentDkimVerifier.verify(raw.toByteArray(),
                            "may2026._domainkey.gosuslugi.example", ownRecord).getFirst();
                    assertThat(signature.getDToken().toString()).isEqualTo("gosuslugi.example");
                    assertThat(signature.getSelector().toString()).isEqualTo("may2026");
                    assertThat(context.getBean(DkimSigner.class).keys().getFirst().recordValue()).isEqualTo(ownRecord);
                    assertThat(folder.resolve("data").resolve("keys")).doesNotExist();
                });
    }

    @Test
    @DisplayName("NTF-5: with both algorithms a letter carries an RSA and an Ed25519 signature (RFC 8463), each verified by dkimpy; jDKIM verifies the RSA one")
    void rsaAndEd25519() throws Exception {
        requireDkimpy();
        mail().withPropertyValues("gospochta.mail.dkim.algorithms=rsa-sha256,ed25519-sha256").run(context -> {
            List<DkimKey> keys = context.getBean(DkimSigner.class).keys();
            assertThat(keys).extracting(DkimKey::selector).containsExactly("gp1", "gp1e");
            assertThat(keys.get(1).recordValue()).startsWith("v=DKIM1; k=ed25519; p=")
                    .satisfies(v -> assertThat(Base64.getDecoder().decode(v.substring(v.indexOf("p=") + 2))).hasSize(32));
            byte[] raw = sent(context, new Letter("citizen@example.ru", "Ваше заявление принято",
                    "Здравствуйте!\nЗаявление № 42 принято.", "<p>Здравствуйте!</p><p>Заявление № 42 принято.</p>",
                    Map.of("List-Unsubscribe", "<https://gospochta.local/unsubscribe/abc>")));

            assertThat(new String(raw, StandardCharsets.US_ASCII)).contains("a=rsa-sha256;", "a=ed25519-sha256;");
            assertThat(IndependentDkimVerifier.dkimpy(raw, records(keys))).containsExactly("pass", "pass");
            assertThat(IndependentDkimVerifier.verify(raw, keys.getFirst().recordName(), keys.getFirst().recordValue()))
                    .extracting(signature -> signature.getSelector().toString()).containsExactly("gp1");
            // Generated like the RSA key: into the data directory, the same key at the next start.
            assertThat(folder.resolve("data/keys/dkim-gp1e.pem")).content().contains("BEGIN PRIVATE KEY");
        });
        mail().withPropertyValues("gospochta.mail.dkim.algorithms=ed25519-sha256").run(context -> {
            List<DkimKey> keys = context.getBean(DkimSigner.class).keys();
            assertThat(keys).extracting(DkimKey::algorithm).containsExactly(MailProperties.DkimAlgorithm.ED25519_SHA256);
            byte[] raw = sent(context, new Letter("citizen@example.ru", "Тема", "Текст письма", null));
            assertThat(IndependentDkimVerifier.dkimpy(raw, records(keys))).containsExactly("pass");
            byte[] altered = new String(raw, StandardCharsets.ISO_8859_1).replace("Subject: ", "Subject: Re: ")
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(IndependentDkimVerifier.dkimpy(altered, records(keys))).containsExactly("fail");
        });
    }

    @Test
    @DisplayName("NTF-5: a configured Ed25519 PEM key (as openssl genpkey makes it) signs; an RSA key given as the Ed25519 one stops start-up")
    void configuredEd25519Key() throws Exception {
        requireDkimpy();
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = folder.resolve("dkim-ed25519.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        mail().withPropertyValues("gospochta.mail.dkim.algorithms=ed25519-sha256", "gospochta.mail.dkim.ed25519-key-file=" + pem,
                "gospochta.mail.dkim.ed25519-selector=ed2026").run(context -> {
                    List<DkimKey> keys = context.getBean(DkimSigner.class).keys();
                    byte[] publicKey = pair.getPublic().getEncoded();
                    // The last 32 octets of the SubjectPublicKeyInfo are the bare key the record carries.
                    assertThat(keys.getFirst().recordValue()).isEqualTo("v=DKIM1; k=ed25519; p=" + Base64.getEncoder()
                            .encodeToString(java.util.Arrays.copyOfRange(publicKey, publicKey.length - 32, publicKey.length)));
                    byte[] raw = sent(context, new Letter("citizen@example.ru", "Тема", "Текст письма", null));
                    assertThat(IndependentDkimVerifier.dkimpy(raw, records(keys))).containsExactly("pass");
                    assertThat(folder.resolve("data").resolve("keys")).doesNotExist();
                });

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path rsaPem = folder.resolve("rsa.pem");
        Files.writeString(rsaPem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                rsa.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        mail().withPropertyValues("gospochta.mail.dkim.algorithms=ed25519-sha256", "gospochta.mail.dkim.ed25519-key-file=" + rsaPem)
                .run(context -> assertThat(startupProblem(context.getStartupFailure()))
                        .hasMessageContaining("not an Ed25519 private key")
                        .satisfies(problem -> assertThat(problem.action()).contains("openssl genpkey -algorithm ed25519")));
    }

    @Test
    @DisplayName("NTF-5: both algorithms under one selector, or no algorithm at all, is refused at start-up")
    void algorithmSettingsValidated() {
        mail().withPropertyValues("gospochta.mail.dkim.algorithms=rsa-sha256,ed25519-sha256", "gospochta.mail.dkim.ed25519-selector=GP1")
                .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("must differ from the RSA selector"));
        mail().withPropertyValues("gospochta.mail.dkim.algorithms=").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("algorithms"));
        mail().withPropertyValues("gospochta.mail.dkim.algorithms=dsa-sha1").run(context ->
                assertThat(context.getStartupFailure()).isNotNull());
    }

    private static byte[] sent(org.springframework.context.ApplicationContext context, Letter letter) throws Exception {
        context.getBean(OutgoingMail.class).send(letter);
        List<MimeMessage> letters = context.getBean(MailCatcher.class).letters();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        letters.getLast().writeTo(raw);
        return raw.toByteArray();
    }

    private static Map<String, String> records(List<DkimKey> keys) {
        Map<String, String> records = new java.util.LinkedHashMap<>();
        keys.forEach(key -> records.put(key.recordName(), key.recordValue()));
        return records;
    }

    /** dkimpy is the independent verifier of Ed25519; skipped without it, except on CI. */
    private static void requireDkimpy() {
        String missing = "dkimpy is not installed: apt-get install python3-dkim python3-nacl";
        if (System.getenv("CI") != null) {
            assertThat(IndependentDkimVerifier.dkimpyAvailable()).as(missing).isTrue();
        } else {
            org.junit.jupiter.api.Assumptions.assumeTrue(IndependentDkimVerifier.dkimpyAvailable(), missing);
        }
    }

    @Test
    @DisplayName("NTF-5: with gospochta.mail.dkim.enabled=false letters leave unsigned")
    void signingCanBeSwitchedOff() {
        mail().withPropertyValues("gospochta.mail.dkim.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(DkimSigner.class);
            context.getBean(OutgoingMail.class).send(new Letter("citizen@example.ru", "Тема", "Текст", null));
            assertThat(context.getBean(MailCatcher.class).letters().getFirst().getHeader("DKIM-Signature")).isNull();
        });
    }

    @Test
    @DisplayName("NTF-5: a missing key file, or a key in another format, stops start-up with a sentence saying what to give")
    void unusableKeyFileStopsStartup() throws Exception {
        mail().withPropertyValues("gospochta.mail.dkim.key-file=" + folder.resolve("missing.pem")).run(context ->
                assertThat(startupProblem(context.getStartupFailure()))
                        .hasMessageContaining("The DKIM key file").hasMessageContaining("does not exist"));

        Path pkcs1 = folder.resolve("old.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n");
        mail().withPropertyValues("gospochta.mail.dkim.key-file=" + pkcs1).run(context ->
                assertThat(startupProblem(context.getStartupFailure()))
                        .hasMessageContaining("cannot be read")
                        .satisfies(problem -> assertThat(problem.action()).contains("PKCS#8")));
    }

    private static StartupProblem startupProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupProblem problem) {
                return problem;
            }
        }
        throw new AssertionError("start-up did not fail with a StartupProblem", failure);
    }
}
