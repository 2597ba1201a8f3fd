package ru.gospochta.identity.factors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import ru.gospochta.identity.internal.factors.BackupCodes;

class BackupCodesTests {

    /** Argon2id as in production, with parameters cheap enough for a unit test. */
    static final BackupCodes BACKUP_CODES = new BackupCodes(new Argon2PasswordEncoder(16, 32, 1, 1024, 1));
    static BackupCodes.Issued issued;

    @BeforeAll
    static void issue() {
        issued = BACKUP_CODES.issue();
    }

    @Test
    @DisplayName("ACC-3: ten distinct codes of ten unambiguous characters, shown as xxxxx-xxxxx")
    void issuesTenDistinctCodes() {
        assertThat(issued.displayed()).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[23456789abcdefghjkmnpqrstuvwxyz]{5}-[23456789abcdefghjkmnpqrstuvwxyz]{5}"));
        assertThat(String.join("", issued.displayed())).doesNotContainPattern("[0Oo1lIi]");
        assertThat(issued.hashes()).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("ACC-3: only hashes are kept; none of them holds the code")
    void storesOnlyHashes() {
        for (String code : issued.displayed()) {
            String plain = BackupCodes.normalise(code);
            assertThat(issued.hashes()).allSatisfy(hash -> assertThat(hash)
                    .startsWith("$argon2id$").doesNotContainIgnoringCase(plain).doesNotContainIgnoringCase(code));
        }
        assertThat(issued.toString()).doesNotContain(issued.displayed().getFirst());
    }

    @Test
    @DisplayName("ACC-3: a code matches its own hash, whatever the case, hyphens and spaces")
    void matchesIgnoringCaseAndSeparators() {
        String code = issued.displayed().get(3);

        assertThat(BACKUP_CODES.match(code, issued.hashes())).hasValue(3);
        assertThat(BACKUP_CODES.match(code.toUpperCase().replace("-", ""), issued.hashes())).hasValue(3);
        assertThat(BACKUP_CODES.match(" " + code.substring(0, 3) + " " + code.substring(3).toUpperCase() + " ",
                issued.hashes())).hasValue(3);
    }

    @Test
    @DisplayName("ACC-3: the index points into the unused hashes the caller passed")
    void matchesAmongUnusedOnly() {
        List<String> unused = issued.hashes().subList(2, 10);

        assertThat(BACKUP_CODES.match(issued.displayed().get(5), unused)).hasValue(3);
        assertThat(BACKUP_CODES.match(issued.displayed().get(1), unused)).isEmpty();
    }

    @Test
    @DisplayName("ACC-3: a wrong or malformed code does not match")
    void refusesWrongCodes() {
        assertThat(BACKUP_CODES.match("22222-22222", issued.hashes())).isEmpty();
        assertThat(BACKUP_CODES.match("", issued.hashes())).isEmpty();
        assertThat(BACKUP_CODES.match(issued.displayed().getFirst() + "2", issued.hashes())).isEmpty();
        assertThat(BACKUP_CODES.match("0oo1l-iiIIl", issued.hashes())).isEmpty();
        assertThat(BACKUP_CODES.match("a".repeat(100_000), issued.hashes())).isEmpty();
    }

    @Test
    @DisplayName("ACC-3: normalising drops hyphens and spaces and lowers the case")
    void normalises() {
        assertThat(BackupCodes.normalise(" AbCdE-fgHJK ")).isEqualTo("abcdefghjk");
        assertThat(BackupCodes.normalise("abc de\u00a0fg-hjk")).isEqualTo("abcdefghjk");
    }

    @Test
    @DisplayName("ACC-6: a regenerated set shares no code with the earlier one")
    void regeneratesFreshSet() {
        BackupCodes.Issued again = BACKUP_CODES.issue();

        assertThat(again.displayed()).doesNotContainAnyElementsOf(issued.displayed());
        assertThat(BACKUP_CODES.match(issued.displayed().getFirst(), again.hashes())).isEmpty();
    }
}
