package ru.gospochta.gateway.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;

import ru.gospochta.MutableClock;
import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.audit.ChainVerification;
import ru.gospochta.gateway.internal.GatewayProperties;
import ru.gospochta.platform.DataDirectory;

/** Where the token signing keys live and how nodes sharing them see a rotation (GW-1). */
class TokenKeyRingTests {

    static final Duration RETENTION = Duration.ofHours(1);

    /** The audit log as the ring writes to it. */
    static final class Journal implements AuditLog {

        final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public long record(AuditEntry entry) {
            entries.add(entry);
            return entries.size();
        }

        @Override
        public ChainVerification verify() {
            throw new UnsupportedOperationException();
        }
    }

    @TempDir Path temp;
    final MutableClock clock = new MutableClock();
    final Journal journal = new Journal();
    final List<DataDirectory> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (DataDirectory directory : opened) {
            directory.close();
        }
    }

    TokenKeyRing ring(String node, @Nullable Path keyFile, @Nullable Path keysFolder) {
        DataDirectory data = DataDirectory.open(temp.resolve(node));
        opened.add(data);
        return new TokenKeyRing(new GatewayProperties(Duration.ofMinutes(10), Duration.ofSeconds(5), null, keyFile, keysFolder,
                RETENTION, Duration.ofSeconds(5)), data, clock, journal);
    }

    static JWKSelector byKid(String kid) {
        return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
    }

    static JWKSelector all() {
        return new JWKSelector(new JWKMatcher.Builder().build());
    }

    @Test
    @DisplayName("GW-1: the first key is generated into the data directory, one owner-only file per key")
    void generatesFirstKey() throws Exception {
        TokenKeyRing ring = ring("node", null, null);

        Path folder = temp.resolve("node/keys/token-signing");
        try (var files = Files.list(folder)) {
            assertThat(files.toList()).singleElement().satisfies(file -> {
                assertThat(file.getFileName().toString()).startsWith("token-signing-").endsWith(ring.current().kid() + ".pem");
                assertThat(Files.getPosixFilePermissions(file))
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            });
        }
        assertThat(ring.status().rotatable()).isTrue();
    }

    @Test
    @DisplayName("GW-1: a key another node adds to the shared folder verifies here from the first token that names it")
    void anotherNodesKey() {
        Path shared = temp.resolve("shared");
        shared.toFile().mkdirs();
        TokenKeyRing first = ring("first", null, shared);
        TokenKeyRing second = ring("second", null, shared);
        String before = first.current().kid();
        assertThat(second.current().kid()).isEqualTo(before);

        String rotated = first.rotate("staff:admin").kid();

        assertThat(first.current().kid()).isEqualTo(rotated);
        assertThat(second.select(byKid(rotated))).hasSize(1);
        assertThat(second.select(all())).extracting(k -> k.getKeyID()).containsExactlyInAnyOrder(before, rotated);
    }

    @Test
    @DisplayName("GW-1: past the retention a replaced key leaves the ring, and the next rotation deletes its file")
    void retention() {
        TokenKeyRing ring = ring("node", null, null);
        String old = ring.current().kid();
        String middle = ring.rotate("staff:admin").kid();
        clock.advance(RETENTION.minusMinutes(1));
        assertThat(ring.select(byKid(old))).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        assertThat(ring.select(byKid(old))).isEmpty();
        assertThat(ring.status().keys()).extracting(TokenKeyRing.KeyState::kid).containsExactly(middle);

        TokenKeyRing.Rotation next = ring.rotate("staff:admin");
        assertThat(next.dropped()).containsExactly(old);
        assertThat(temp.resolve("node/keys/token-signing").toFile().list()).hasSize(2).noneMatch(name -> name.contains(old));
        assertThat(journal.entries).extracting(AuditEntry::action).containsOnly("gateway.token-key.rotate");
    }

    @Test
    @DisplayName("GW-1: the single key of the data directory from before rotation becomes the ring's first, so tokens already out stay good")
    void adoptsEarlierKey() throws Exception {
        Path keys = Files.createDirectories(temp.resolve("node/keys"));
        TokenKeyFiles.write(keys.resolve(TokenKeyRing.EARLIER_FILE), TokenKeyFiles.generate());
        String kid = TokenKeyFiles.jwk(TokenKeyFiles.read(keys.resolve(TokenKeyRing.EARLIER_FILE))).getKeyID();

        TokenKeyRing ring = ring("node", null, null);

        assertThat(ring.current().kid()).isEqualTo(kid);
        assertThat(keys.resolve(TokenKeyRing.EARLIER_FILE)).doesNotExist();
    }

    @Test
    @DisplayName("GW-1: a configured key file is the only key and is rotated outside: rotation refuses, says how, and is journalled")
    void configuredFileIsNotRotated() throws Exception {
        Path file = temp.resolve("token-signing.pem");
        TokenKeyFiles.write(file, TokenKeyFiles.generate());
        RSAKey key = TokenKeyFiles.jwk(TokenKeyFiles.read(file));

        TokenKeyRing ring = ring("node", file, null);

        assertThat(ring.current().kid()).isEqualTo(key.getKeyID());
        assertThat(ring.status().rotatable()).isFalse();
        assertThatThrownBy(() -> ring.rotate("staff:admin")).isInstanceOf(TokenKeyRing.RotationManagedOutside.class)
                .hasMessageContaining("gospochta.gateway.signing-key-file");
        assertThat(ring.current().kid()).isEqualTo(key.getKeyID());
        assertThat(journal.entries).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(entry.action()).isEqualTo("gateway.token-key.rotate");
        });
        assertThat(temp.resolve("node/keys/token-signing")).doesNotExist();
    }
}
