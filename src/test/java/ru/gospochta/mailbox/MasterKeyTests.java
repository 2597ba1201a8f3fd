package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.time.ZoneId;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gospochta.mailbox.internal.MailboxProperties;
import ru.gospochta.mailbox.internal.crypto.Aead;
import ru.gospochta.mailbox.internal.crypto.GeneratedMasterKeys;
import ru.gospochta.mailbox.internal.crypto.KeystoreMasterKeys;
import ru.gospochta.mailbox.internal.crypto.MasterKeys;
import ru.gospochta.mailbox.internal.crypto.SealBroken;
import ru.gospochta.platform.StartupProblem;

@DisplayName("MBX-9: the cipher and where the master keys come from")
class MasterKeyTests {

    @TempDir Path folder;

    @Test
    @DisplayName("MBX-9: AES-GCM opens only with the same key and associated data, and refuses a changed byte")
    void associatedDataAndTampering() {
        SecretKey key = Aead.newKey();
        byte[] plain = "Текст письма".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = Aead.seal(key, plain, "message/1");

        assertThat(Aead.open(key, sealed, "message/1")).isEqualTo(plain);
        assertThatThrownBy(() -> Aead.open(key, sealed, "message/2")).isInstanceOf(SealBroken.class);
        assertThatThrownBy(() -> Aead.open(Aead.newKey(), sealed, "message/1")).isInstanceOf(SealBroken.class);
        byte[] changed = sealed.clone();
        changed[changed.length - 20] ^= 1;
        assertThatThrownBy(() -> Aead.open(key, changed, "message/1")).isInstanceOf(SealBroken.class);
        assertThat(Aead.seal(key, plain, "message/1")).isNotEqualTo(sealed);
    }

    @Test
    @DisplayName("MBX-9: a fresh data directory gets a generated master key, readable by the owner only, kept across restarts")
    void generatedOnFirstStart() throws Exception {
        Path file = folder.resolve("data/keys/mailbox-master.key");

        MasterKeys first = GeneratedMasterKeys.open(file);
        MasterKeys again = GeneratedMasterKeys.open(file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(first.versions()).containsExactly(1);
        assertThat(again.current().key().getEncoded()).isEqualTo(first.current().key().getEncoded());
        assertThat(Files.readString(file)).startsWith("# ");
    }

    @Test
    @DisplayName("MBX-9: the generated store makes a new version on rotation and forgets the old ones when told")
    void generatedRotation() {
        Path file = folder.resolve("mailbox-master.key");
        MasterKeys keys = GeneratedMasterKeys.open(file);

        assertThat(keys.rotate().version()).isEqualTo(2);
        assertThat(GeneratedMasterKeys.open(file).versions()).containsExactly(1, 2);
        assertThat(keys.retireAllBut(2)).containsExactly(1);
        assertThat(GeneratedMasterKeys.open(file).versions()).containsExactly(2);
        assertThatThrownBy(() -> keys.version(1)).isInstanceOf(MasterKeys.MasterKeyMissing.class);
    }

    @Test
    @DisplayName("MBX-9: in production the master keys come from a PKCS#12 keystore; a rotation takes its newest entry, the old one stays for the operator to remove")
    void keystore() throws Exception {
        Path file = folder.resolve("mailbox-keys.p12");
        SecretKey one = Aead.newKey();
        SecretKey two = Aead.newKey();
        store(file, "mailbox-master-1", one);

        MasterKeys keys = KeystoreMasterKeys.open(file, "s3cret-pass", "mailbox-master");
        assertThat(keys.current().version()).isEqualTo(1);
        assertThat(keys.current().key().getEncoded()).isEqualTo(one.getEncoded());

        store(file, "mailbox-master-2", two);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Files.getLastModifiedTime(file).toInstant()
                .plus(Duration.ofSeconds(5))));
        assertThat(keys.rotate().version()).isEqualTo(2);
        assertThat(keys.version(1).key().getEncoded()).isEqualTo(one.getEncoded());
        assertThat(keys.retireAllBut(2)).isEmpty();
    }

    @Test
    @DisplayName("MBX-9: a keystore that cannot be opened, or one without its password, stops start-up with a sentence")
    void keystoreProblems() throws Exception {
        Path file = folder.resolve("mailbox-keys.p12");
        store(file, "mailbox-master-1", Aead.newKey());

        assertThatThrownBy(() -> KeystoreMasterKeys.open(file, "wrong", "mailbox-master")).isInstanceOf(StartupProblem.class)
                .hasMessageContaining("cannot be used");
        assertThatThrownBy(() -> KeystoreMasterKeys.open(file, "s3cret-pass", "other-alias"))
                .isInstanceOf(StartupProblem.class).hasMessageContaining("other-alias-<version>");
        assertThatThrownBy(() -> new MailboxProperties(file, null, "mailbox-master", 20, ZoneId.of("Europe/Moscow"), 100_000,
                10_000, Duration.ofMinutes(5), 5, 0.8, 0.1)).hasMessageContaining("gospochta.mailbox.master-key-password");
    }

    private static void store(Path file, String alias, SecretKey key) throws Exception {
        char[] password = "s3cret-pass".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                store.load(in, password);
            }
        } else {
            store.load(null, password);
        }
        store.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }
}
