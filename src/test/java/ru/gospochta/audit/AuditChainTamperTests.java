package ru.gospochta.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.IntegrationTest;
import ru.gospochta.TestDatabase;
import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;
import ru.gospochta.audit.ChainVerification.Problem;

/**
 * Tampering as a database superuser would, on a database of this class's own: every test starts
 * from a fresh chain of five entries, and the shared test database never sees a broken chain.
 */
@IntegrationTest
class AuditChainTamperTests {

    static final String ADMIN = "audit-tamper-admin";
    static final String ADMIN_PASSWORD = "Tamper-Check-Pass1!";

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        String url = TestDatabase.createDatabase("audit_tamper");
        registry.add("gospochta.db.url", () -> url);
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient db;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    JsonMapper json;

    @BeforeEach
    void freshChainOfFive() {
        AuditTestSupport.asSuperuserBypassingTrigger(transactions, db, "TRUNCATE audit.entries");
        for (int i = 1; i <= 5; i++) {
            auditLog.record(AuditEntry.of("staff:clerk", "message.read", "message:" + i, AuditOutcome.SUCCESS)
                    .from("198.51.100.9"));
        }
        TestStaff.ensure(db, passwords, ADMIN, ADMIN_PASSWORD, "ADMIN");
    }

    @Test
    @DisplayName("EVD-3: changing one field of one audit row makes verify name exactly that entry")
    void changedFieldIsNamed() {
        AuditTestSupport.asSuperuserBypassingTrigger(transactions, db,
                "UPDATE audit.entries SET actor = 'staff:someone-else' WHERE seq = 3");

        ChainVerification verification = auditLog.verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.entries()).isEqualTo(5);
        assertThat(verification.firstBreak()).hasValueSatisfying(at -> {
            assertThat(at.seq()).isEqualTo(3);
            assertThat(at.problem()).isEqualTo(Problem.CONTENT_CHANGED);
        });
        assertThat(verification.message()).startsWith("chain broken at entry 3: content hash mismatch");
    }

    @Test
    @DisplayName("EVD-3: changing only the time of an entry is caught as well")
    void changedTimeIsNamed() {
        AuditTestSupport.asSuperuserBypassingTrigger(transactions, db,
                "UPDATE audit.entries SET occurred_at = occurred_at - interval '1 microsecond' WHERE seq = 2");

        assertThat(auditLog.verify().firstBreak()).hasValueSatisfying(at -> {
            assertThat(at.seq()).isEqualTo(2);
            assertThat(at.problem()).isEqualTo(Problem.CONTENT_CHANGED);
        });
    }

    @Test
    @DisplayName("EVD-3: deleting a middle row is reported as the missing entry")
    void deletedRowIsNamed() {
        AuditTestSupport.asSuperuserBypassingTrigger(transactions, db, "DELETE FROM audit.entries WHERE seq = 3");

        ChainVerification verification = auditLog.verify();

        assertThat(verification.entries()).isEqualTo(4);
        assertThat(verification.firstBreak()).hasValueSatisfying(at -> {
            assertThat(at.seq()).isEqualTo(3);
            assertThat(at.problem()).isEqualTo(Problem.ENTRY_MISSING);
            assertThat(at.reason()).contains("entry 3 is missing");
        });
    }

    @Test
    @DisplayName("EVD-3: an entry re-linked to a different predecessor is reported as a broken link")
    void relinkedRowIsNamed() {
        AuditTestSupport.asSuperuserBypassingTrigger(transactions, db,
                "UPDATE audit.entries SET prev_hash = (SELECT hash FROM audit.entries WHERE seq = 2) WHERE seq = 4");

        assertThat(auditLog.verify().firstBreak()).hasValueSatisfying(at -> {
            assertThat(at.seq()).isEqualTo(4);
            assertThat(at.problem()).isEqualTo(Problem.LINK_BROKEN);
            assertThat(at.reason()).contains("hash of entry 3");
        });
    }

    @Test
    @DisplayName("EVD-3: the auditchain endpoint refuses callers without credentials")
    void endpointNeedsCredentials() {
        assertThat(new WebClient(port).get("/actuator/auditchain").statusCode()).isEqualTo(401);
        assertThat(new WebClient(port).getAs(ADMIN, "not-the-password", "/actuator/auditchain").statusCode())
                .isEqualTo(401);
    }

    @Test
    @DisplayName("EVD-3: the auditchain endpoint tells an administrator the chain is intact and how long it is")
    void endpointReportsIntactChain() {
        HttpResponse<String> response = new WebClient(port).getAs(ADMIN, ADMIN_PASSWORD, "/actuator/auditchain");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        // The administrator's own sign-in is journalled before the chain is read.
        long entries = AuditTestSupport.lastSeq(db);
        assertThat(body.get("intact").asBoolean()).isTrue();
        assertThat(body.get("entries").asLong()).isEqualTo(entries);
        assertThat(body.get("message").asString()).isEqualTo("chain intact, " + entries + " entries");
        assertThat(body.has("brokenAt")).isFalse();
    }

    @Test
    @DisplayName("EVD-3: after tampering, the auditchain endpoint names the broken entry")
    void endpointNamesBrokenEntry() {
        AuditTestSupport.asSuperuserBypassingTrigger(transactions, db,
                "UPDATE audit.entries SET target = 'message:999' WHERE seq = 4");

        HttpResponse<String> response = new WebClient(port).getAs(ADMIN, ADMIN_PASSWORD, "/actuator/auditchain");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("intact").asBoolean()).isFalse();
        assertThat(body.get("brokenAt").asLong()).isEqualTo(4);
        assertThat(body.get("problem").asString()).isEqualTo("CONTENT_CHANGED");
        assertThat(body.get("reason").asString()).contains("content hash mismatch");
        assertThat(body.get("message").asString()).startsWith("chain broken at entry 4:");
    }
}
