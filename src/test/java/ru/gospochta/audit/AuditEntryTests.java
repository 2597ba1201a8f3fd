package ru.gospochta.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditEntryTests {

    @Test
    @DisplayName("SEC-4: an entry is built from who, what and to what, then where from and details")
    void buildsEntryStepByStep() {
        AuditEntry entry = AuditEntry.of("staff:admin", "template.publish", "template:7", AuditOutcome.SUCCESS)
                .from("203.0.113.5")
                .with("version", "3");

        assertThat(entry.actor()).isEqualTo("staff:admin");
        assertThat(entry.sourceIp()).isEqualTo("203.0.113.5");
        assertThat(entry.details()).containsExactly(Map.entry("version", "3"));
    }

    @Test
    @DisplayName("SEC-4: an entry without actor, action or target cannot exist")
    void rejectsBlankFields() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEntry.of(" ", "a", "t", AuditOutcome.SUCCESS));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEntry.of("a", "", "t", AuditOutcome.SUCCESS));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEntry.of("a", "a", "", AuditOutcome.SUCCESS));
    }

    @Test
    @DisplayName("SEC-4: actions are lower-case words joined by dots or hyphens")
    void rejectsFreeTextActions() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditEntry.of("system", "Deleted the message", "message:1", AuditOutcome.SUCCESS));
        assertThat(AuditEntry.of("system", "archive.purge-expired", "archive", AuditOutcome.SUCCESS).action())
                .isEqualTo("archive.purge-expired");
    }

    @Test
    @DisplayName("SEC-4: control characters cannot forge lines in the journal")
    void rejectsControlCharacters() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditEntry.of("staff:a\nstaff:b", "staff.sign-in", "/admin", AuditOutcome.FAILURE));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditEntry.of("staff:a", "staff.sign-in", "/admin\u0000", AuditOutcome.FAILURE));
    }

    @Test
    @DisplayName("SEC-4: details stay a small map of short identifiers to bounded text")
    void boundsDetails() {
        AuditEntry entry = AuditEntry.of("system", "test.run", "x", AuditOutcome.SUCCESS);
        assertThatIllegalArgumentException().isThrownBy(() -> entry.with("not a key", "v"));
        assertThatIllegalArgumentException().isThrownBy(() -> entry.with("k", "v".repeat(2001)));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= AuditEntry.MAX_DETAILS; i++) {
            many.put("k" + i, "v");
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuditEntry("system", "test.run", "x", AuditOutcome.SUCCESS, null, many));
    }
}
