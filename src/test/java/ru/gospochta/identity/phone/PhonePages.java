package ru.gospochta.identity.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.AuditSealed;
import ru.gospochta.WebClient;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;

/**
 * Walking the pages of a number change as a browser does: open the form, send it back with its
 * CSRF token. {@code kind} is the segment of the addresses: {@code change} or {@code backup}.
 */
final class PhonePages {

    static final String BASE = "/cabinet/contacts/phone/";

    private PhonePages() {
    }

    /** Opens {@code page} and posts {@code fields} with the page's CSRF token to {@code action}. */
    static HttpResponse<String> submit(WebClient client, String page, String action, Map<String, String> fields) {
        HttpResponse<String> form = client.get(page);
        assertThat(form.statusCode()).as(page).isEqualTo(200);
        Map<String, String> all = new HashMap<>(fields);
        all.put("_csrf", WebClient.csrfToken(form.body()));
        return client.postForm(action, all);
    }

    /** Asks for the re-check code by SMS to the account's phone and returns it. */
    static String recheckCode(WebClient client, JdbcClient db, Account account, String kind) {
        HttpResponse<String> sent = submit(client, BASE + kind, BASE + kind + "/code", Map.of());
        assertThat(location(sent)).endsWith(BASE + kind);
        return Limits.lastCode(db, account.phone());
    }

    /** The password and the code sent to the current phone; a redirect to the number form on success. */
    static HttpResponse<String> recheck(WebClient client, String kind, String password, String code) {
        return submit(client, BASE + kind, BASE + kind, Map.of("password", password, "code", code));
    }

    static void rechecked(WebClient client, JdbcClient db, Account account, String kind) {
        HttpResponse<String> done = recheck(client, kind, TestCitizens.PASSWORD, recheckCode(client, db, account, kind));
        assertThat(location(done)).as(done.body()).endsWith(BASE + kind + "/number");
    }

    static HttpResponse<String> chooseNumber(WebClient client, String kind, String number) {
        return submit(client, BASE + kind + "/number", BASE + kind + "/number", Map.of("number", number));
    }

    static HttpResponse<String> enterCode(WebClient client, String kind, String code) {
        return submit(client, BASE + kind + "/confirm", BASE + kind + "/confirm", Map.of("code", code));
    }

    /** The whole change for an account that can read SMS on its current phone. */
    static HttpResponse<String> change(WebClient client, JdbcClient db, Account account, String kind, String number) {
        rechecked(client, db, account, kind);
        assertThat(location(chooseNumber(client, kind, number))).endsWith(BASE + kind + "/confirm");
        return enterCode(client, kind, Limits.lastCode(db, number));
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }

    /** Six digits that are not the code. */
    static String wrong(String code) {
        return code.equals("111111") ? "222222" : "111111";
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
}
