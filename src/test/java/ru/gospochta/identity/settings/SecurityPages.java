package ru.gospochta.identity.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.AuditSealed;
import ru.gospochta.WebClient;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.factors.Totp;
import ru.gospochta.identity.internal.factors.TotpSecret;

/** Walking the settings pages as a browser does: read the form, send it back with its CSRF token. */
final class SecurityPages {

    static final Pattern TOTP_KEY = Pattern.compile("id=\"totp-key\">([A-Z2-7 ]+)<");
    static final Pattern BACKUP_CODE = Pattern.compile("<code>([2-9a-z]{5}-[2-9a-z]{5})</code>");
    static final Pattern SESSION_REF = Pattern.compile("name=\"session\" value=\"([^\"]+)\"");
    static final Pattern SMS_CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private SecurityPages() {
    }

    /** Opens {@code page} and posts {@code fields} with the page's CSRF token to {@code action}. */
    static HttpResponse<String> submit(WebClient client, String page, String action, Map<String, String> fields) {
        HttpResponse<String> form = client.get(page);
        assertThat(form.statusCode()).as(page).isEqualTo(200);
        Map<String, String> all = new HashMap<>(fields);
        all.put("_csrf", WebClient.csrfToken(form.body()));
        return client.postForm(action, all);
    }

    /** A TOTP app set up through the pages, as the person would: the key read from the page. */
    record Enrolled(TotpSecret secret, String key, String code, List<String> backupCodes) {
    }

    static Enrolled enrolTotp(WebClient client, Totp totp, String password) {
        HttpResponse<String> page = client.get("/security/two-step/totp");
        assertThat(page.statusCode()).isEqualTo(200);
        String key = first(TOTP_KEY, page.body());
        TotpSecret secret = TotpSecret.fromBase32(key);
        String code = totp.codeAt(secret, Instant.now());
        HttpResponse<String> confirmed = client.postForm("/security/two-step/totp",
                Map.of("code", code, "password", password, "_csrf", WebClient.csrfToken(page.body())));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        return new Enrolled(secret, key, code, all(BACKUP_CODE, confirmed.body()));
    }

    /** A code of the secret for a step the server has not seen yet, still inside its window. */
    static String nextCode(Totp totp, TotpSecret secret) {
        return totp.codeAt(secret, Instant.now().plus(Totp.STEP));
    }

    /** Six digits that are not the code of any step the server would accept now. */
    static String wrongCode(Totp totp, TotpSecret secret) {
        Instant now = Instant.now();
        List<String> accepted = new ArrayList<>();
        for (int step = -2; step <= 2; step++) {
            accepted.add(totp.codeAt(secret, now.plus(Totp.STEP.multipliedBy(step))));
        }
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate * 7919 % 1_000_000);
            if (!accepted.contains(code)) {
                return code;
            }
        }
    }

    /** The latest SMS code caught for the phone that is newer than {@code afterId}. */
    static String smsCode(JdbcClient db, String phone, long afterId) {
        String text = await().atMost(Duration.ofSeconds(10)).until(() -> db.sql(
                        "SELECT text FROM platform.caught_sms WHERE phone = :phone AND id > :after ORDER BY id DESC LIMIT 1")
                .param("phone", phone).param("after", afterId).query(String.class).optional().orElse(null),
                java.util.Objects::nonNull);
        return first(SMS_CODE, text);
    }

    static long lastSmsId(JdbcClient db) {
        return db.sql("SELECT coalesce(max(id), 0) FROM platform.caught_sms").query(Long.class).single();
    }

    /** The actions the audit log holds for the account, oldest first, as "action OUTCOME". */
    static List<String> audited(JdbcClient db, Account account) {
        AuditSealed.await(db);
        return db.sql("SELECT action || ' ' || outcome FROM audit.entries WHERE actor = :actor ORDER BY seq")
                .param("actor", "citizen:" + account.id()).query(String.class).list();
    }

    static String auditDetails(JdbcClient db, Account account) {
        AuditSealed.await(db);
        return String.join("\n", db.sql("SELECT details::text FROM audit.entries WHERE actor = :actor ORDER BY seq")
                .param("actor", "citizen:" + account.id()).query(String.class).list());
    }

    static int backupCodeRows(JdbcClient db, Account account) {
        return db.sql("SELECT count(*) FROM identity.backup_codes WHERE account_id = :id")
                .param("id", account.id()).query(Integer.class).single();
    }

    static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in the page", pattern).isTrue();
        return m.group(1);
    }

    static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
