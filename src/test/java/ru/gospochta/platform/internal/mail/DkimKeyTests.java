package ru.gospochta.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

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
                    assertThat(context.getBean(DkimSigner.class).key().recordValue()).isEqualTo(ownRecord);
                    assertThat(folder.resolve("data").resolve("keys")).doesNotExist();
                });
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
