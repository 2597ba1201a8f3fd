package ru.gospochta.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.IntegrationTest;
import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;
import ru.gospochta.audit.AuditTestSupport.AuditRow;

/** Sign-ins and refusals in the admin area end up in the audit log, through the real web stack. */
@IntegrationTest
class StaffSignInAuditTests {

    static final String ADMIN = "audit-signin-admin";
    static final String ADMIN_PASSWORD = "Kl3ver-Admin-Pass!";
    static final String SUPPORT = "audit-signin-support";
    static final String SUPPORT_PASSWORD = "Supp0rt-Only-Pass!";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    PasswordEncoder passwords;

    @BeforeEach
    void staff() {
        TestStaff.ensure(db, passwords, ADMIN, ADMIN_PASSWORD, "ADMIN");
        TestStaff.ensure(db, passwords, SUPPORT, SUPPORT_PASSWORD, "SUPPORT_OPERATOR");
    }

    @Test
    @DisplayName("SEC-4: a staff sign-in through the form is journalled as a success with its source address")
    void journalsSuccessfulSignIn() {
        long before = AuditTestSupport.lastSeq(db);

        HttpResponse<String> response = new WebClient(port).signIn(ADMIN, ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/admin"));
        assertThat(AuditTestSupport.rowsAfter(db, before))
                .filteredOn(row -> row.action().equals("staff.sign-in"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.actor()).isEqualTo("staff:" + ADMIN);
                    assertThat(row.outcome()).isEqualTo("SUCCESS");
                    assertThat(row.sourceIp()).isEqualTo("127.0.0.1");
                    assertThat(row.target()).isEqualTo("/admin/login");
                });
    }

    @Test
    @DisplayName("SEC-4: a failed staff sign-in is journalled with its reason and address, never with the password")
    void journalsFailedSignInWithoutPassword() {
        long before = AuditTestSupport.lastSeq(db);
        String wrongPassword = "Wr0ng-Guess-42!";

        HttpResponse<String> response = new WebClient(port).signIn(ADMIN, wrongPassword);

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("error"));
        List<AuditRow> written = AuditTestSupport.rowsAfter(db, before);
        assertThat(written).filteredOn(row -> row.action().equals("staff.sign-in"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.actor()).isEqualTo("staff:" + ADMIN);
                    assertThat(row.outcome()).isEqualTo("FAILURE");
                    assertThat(row.sourceIp()).isEqualTo("127.0.0.1");
                    assertThat(row.details()).isEqualTo("{\"reason\":\"bad-credentials\"}");
                });
        assertThat(written.toString()).doesNotContain(wrongPassword);
    }

    @Test
    @DisplayName("SEC-4: a support operator refused the audit chain endpoint is journalled as denied")
    void journalsAccessDenied() {
        long before = AuditTestSupport.lastSeq(db);

        HttpResponse<String> response = new WebClient(port).getAs(SUPPORT, SUPPORT_PASSWORD, "/actuator/auditchain");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(AuditTestSupport.rowsAfter(db, before))
                .extracting(AuditRow::actor, AuditRow::action, AuditRow::target, AuditRow::outcome, AuditRow::sourceIp)
                .containsExactly(
                        tuple("staff:" + SUPPORT, "staff.sign-in", "/actuator/auditchain",
                                "SUCCESS", "127.0.0.1"),
                        tuple("staff:" + SUPPORT, "staff.access", "/actuator/auditchain",
                                "DENIED", "127.0.0.1"));
    }
}
