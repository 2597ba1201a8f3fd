package ru.gospochta.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.AuditSealed;
import ru.gospochta.WebClient;

/** «Настройки уведомлений» as a browser sends and shows it, for the tests over HTTP. */
final class SettingsPages {

    static final String PATH = "/cabinet/notifications";

    private SettingsPages() {
    }

    /**
     * What a browser posts for a citizen who left the defaults: e-mail for every category but the
     * news of services, each event, digests at 09:00 on Mondays and the 1st, HTML, no quiet hours,
     * Moscow, no consent. The security row's boxes are disabled, so a browser sends none of them.
     */
    static Map<String, String> defaults(String page) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", WebClient.csrfToken(page));
        for (String category : new String[] {"application-status", "deadlines", "personal-data", "documents-ready", "payments",
                "new-services", "support"}) {
            if (!category.equals("new-services")) {
                form.put("channel." + category + ".EMAIL", "on");
            }
            form.put("frequency." + category, "EACH_EVENT");
        }
        form.put("digestHour", "9");
        form.put("digestDay", "MONDAY");
        form.put("digestMonthDay", "1");
        form.put("format", "HTML");
        form.put("quietFrom", "");
        form.put("quietTo", "");
        form.put("zone", "Europe/Moscow");
        return form;
    }

    /** The opening tag of the element with this id, attributes and all. */
    static String tag(String html, String id) {
        Matcher m = Pattern.compile("<[a-z]+\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no element #" + id + " in the page");
        }
        return m.group();
    }

    /** The option of a select that the page marks selected, by its value. */
    static String selected(String html, String selectId) {
        int start = html.indexOf("id=\"" + selectId + "\"");
        if (start < 0) {
            throw new AssertionError("no select #" + selectId);
        }
        String select = html.substring(start, html.indexOf("</select>", start));
        Matcher m = Pattern.compile("<option[^>]*\\bvalue=\"([^\"]*)\"[^>]*\\bselected=\"selected\"").matcher(select);
        if (!m.find()) {
            throw new AssertionError("nothing selected in #" + selectId);
        }
        return m.group(1);
    }

    static long rows(JdbcClient db, UUID account) {
        return db.sql("SELECT count(*) FROM notify.preferences WHERE account = :a").param("a", account).query(Long.class).single();
    }

    /** The details of the account's audit entries of this action, oldest first, as JSON text. */
    static List<String> audited(JdbcClient db, String action, UUID account) {
        AuditSealed.await(db);
        return db.sql("SELECT details::text FROM audit.entries WHERE action = :action AND target = :target ORDER BY seq")
                .param("action", action).param("target", "account:" + account).query(String.class).list();
    }

    /** The consent log of the account, oldest first, as «given source». */
    static List<String> consents(JdbcClient db, UUID account) {
        return db.sql("SELECT given || ' ' || source FROM notify.consent_log WHERE account = :a ORDER BY id")
                .param("a", account).query(String.class).list();
    }
}
