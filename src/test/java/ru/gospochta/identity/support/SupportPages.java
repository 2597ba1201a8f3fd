package ru.gospochta.identity.support;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.AuditSealed;
import ru.gospochta.WebClient;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.documents.Multipart;
import ru.gospochta.identity.documents.ScanFiles;
import ru.gospochta.identity.internal.account.Account;

/**
 * Walking through an access request the way a browser does, and reading back what it left: the
 * pending requests, the SMS caught, the audit entries.
 */
final class SupportPages {

    static final String START = "/recover/support";
    static final String CODE = "/recover/support/code";
    static final String DOCUMENT = "/recover/support/document";
    static final String DONE = "/recover/support/done";
    static final String QUEUE = "/admin/identity-documents";
    static final String OPERATOR = "access-support";
    static final String STAFF_PASSWORD = "Supp0rt-Access-Pass!";

    private SupportPages() {
    }

    /** The first page's fields as the account's holder types them, with a new phone. */
    static Map<String, String> fieldsOf(Account account, String newPhone) {
        Map<String, String> fields = new HashMap<>();
        String snils = account.snils();
        fields.put("snils", snils.substring(0, 3) + "-" + snils.substring(3, 6) + "-" + snils.substring(6, 9) + " "
                + snils.substring(9));
        fields.put("surname", account.surname());
        fields.put("name", account.givenName());
        fields.put("patronymic", account.patronymic() == null ? "" : account.patronymic());
        fields.put("birthDate", String.format("%02d.%02d.%d", account.birthDate().getDayOfMonth(),
                account.birthDate().getMonthValue(), account.birthDate().getYear()));
        fields.put("phone", newPhone);
        return fields;
    }

    /** Fills in the first page and sends it with the page's CSRF token. */
    static HttpResponse<String> ask(WebClient web, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.put("_csrf", WebClient.csrfToken(web.get(START).body()));
        return web.postForm(START, form);
    }

    static HttpResponse<String> enterCode(WebClient web, String code) {
        String page = web.get(CODE).body();
        return web.postForm(CODE, Map.of("code", code, "_csrf", WebClient.csrfToken(page)));
    }

    /** Uploads a file from the scan page, the CSRF token in the address as the page's form puts it. */
    static HttpResponse<String> upload(int port, WebClient web, String name, String type, byte[] content) {
        String csrf = WebClient.csrfToken(web.get(DOCUMENT).body());
        return new Multipart(port, web).post(DOCUMENT, csrf, "scan", name, type, content);
    }

    /**
     * A whole request with a PNG scan: the data, the code from the SMS caught for the phone, the
     * scan. The phone must be written in E.164, as the SMS catcher keeps it.
     */
    static HttpResponse<String> request(int port, WebClient web, JdbcClient db, Map<String, String> fields) {
        assertRedirect(ask(web, fields), CODE);
        assertRedirect(enterCode(web, Limits.lastCode(db, fields.get("phone"))), DOCUMENT);
        return upload(port, web, "passport.png", "image/png", ScanFiles.png());
    }

    static void assertRedirect(HttpResponse<String> response, String to) {
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || !location.endsWith(to)) {
            throw new AssertionError("expected a redirect to " + to + ", got " + response.statusCode() + " to '"
                    + location + "': " + response.body());
        }
    }

    /** The access requests waiting for the account, oldest first. */
    /** Oldest first; requests made within the same instant in the order of their phones, as tests number them. */
    static List<UUID> pendingRequests(JdbcClient db, UUID account) {
        return db.sql("""
                SELECT d.id FROM identity.identity_documents d
                LEFT JOIN identity.access_requests r ON r.document_id = d.id
                WHERE d.account_id = :account AND d.purpose = 'ACCESS_RECOVERY' AND d.status = 'PENDING'
                ORDER BY d.uploaded_at, r.new_phone, d.id""").param("account", account).query(UUID.class).list();
    }

    static long requestsWithPhone(JdbcClient db, String phone) {
        return db.sql("SELECT count(*) FROM identity.access_requests WHERE new_phone = :phone")
                .param("phone", phone).query(Long.class).single();
    }

    static String status(JdbcClient db, UUID document) {
        return db.sql("SELECT status FROM identity.identity_documents WHERE id = :id").param("id", document)
                .query(String.class).single();
    }

    static List<String> smsTo(JdbcClient db, String phone) {
        return db.sql("SELECT text FROM platform.caught_sms WHERE phone = :phone ORDER BY id")
                .param("phone", phone).query(String.class).list();
    }

    static long lastAuditSeq(JdbcClient db) {
        AuditSealed.await(db);
        return db.sql("SELECT coalesce(max(seq), 0) FROM audit.entries").query(Long.class).single();
    }

    record AuditRow(String actor, String target, String outcome, String details) {
    }

    static List<AuditRow> auditAfter(JdbcClient db, long seq, String action) {
        AuditSealed.await(db);
        return db.sql("""
                SELECT actor, target, outcome, details::text AS details FROM audit.entries
                WHERE seq > :seq AND action = :action ORDER BY seq""")
                .param("seq", seq).param("action", action).query(AuditRow.class).list();
    }

    /** A decision by the operator, with the CSRF token of the queue page. */
    static HttpResponse<String> decide(WebClient operator, UUID document, String decision, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.put("_csrf", WebClient.csrfToken(operator.get(QUEUE).body()));
        return operator.postForm(QUEUE + "/" + document + "/" + decision, form);
    }

    /** The page with its CSRF tokens blanked: they differ per session and are all that may differ. */
    static String withoutCsrf(String html) {
        return html.replaceAll("(name=\"_csrf\"[^>]*value=\")[^\"]*", "$1")
                .replaceAll("(name=\"_csrf\"[^>]*content=\")[^\"]*", "$1")
                .replaceAll("_csrf=[A-Za-z0-9_-]+", "_csrf=");
    }
}
