package ru.gospochta.audit;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Staff accounts, HTTP calls and superuser access to the audit table for the audit tests. */
final class AuditTestSupport {

    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private AuditTestSupport() {
    }

    /** A row of audit.entries as the tests look at it. */
    record AuditRow(long seq, String actor, String action, String target, String sourceIp, String outcome,
            String details) {
    }

    static List<AuditRow> rowsAfter(JdbcClient db, long seq) {
        return db.sql("""
                SELECT seq, actor, action, target, source_ip, outcome, details::text AS details
                FROM audit.entries WHERE seq > :seq ORDER BY seq""")
                .param("seq", seq)
                .query(AuditRow.class)
                .list();
    }

    static long lastSeq(JdbcClient db) {
        return db.sql("SELECT coalesce(max(seq), 0) FROM audit.entries").query(Long.class).single();
    }

    /**
     * Creates or resets a staff account straight in the identity module's table, whose own
     * repository is internal to that module.
     */
    static void ensureStaff(JdbcClient db, PasswordEncoder passwords, String login, String password, String role) {
        db.sql("""
                INSERT INTO identity.staff_accounts (login, password_hash, display_name, role)
                VALUES (:login, :hash, :login, :role)
                ON CONFLICT (login) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role""")
                .param("login", login)
                .param("hash", passwords.encode(password))
                .param("role", role)
                .update();
    }

    /**
     * Runs SQL the way a database superuser bypassing the append-only trigger would. SET LOCAL
     * keeps the bypass inside this transaction, so the pooled connection goes back clean.
     */
    static void asSuperuserBypassingTrigger(PlatformTransactionManager transactions, JdbcClient db, String... statements) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            db.sql("SET LOCAL session_replication_role = replica").update();
            for (String statement : statements) {
                db.sql(statement).update();
            }
        });
    }

    static HttpResponse<String> get(int port, String path, String login, String password) {
        String token = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri(port, path))
                .header("Authorization", "Basic " + token)
                .build());
    }

    static HttpResponse<String> get(int port, String path) {
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri(port, path)).build());
    }

    /** Fills in and posts the admin sign-in form the way a browser does, CSRF token included. */
    static HttpResponse<String> signInByForm(int port, String login, String password) {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String form = send(browser, HttpRequest.newBuilder(uri(port, "/admin/login")).build()).body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token in the sign-in form");
        }
        String body = "username=" + encode(login) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        return send(browser, HttpRequest.newBuilder(uri(port, "/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static URI uri(int port, String path) {
        // 127.0.0.1 rather than localhost, so the source address the server sees is predictable.
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
