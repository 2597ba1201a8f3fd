package ru.gospochta.identity.recovery;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;

/** Walking through «Забыли пароль?» the way a browser does, and reading what the SMS catcher kept. */
final class RecoveryPages {

    /** Every test request comes from here, so the per-address SMS limit is this address's. */
    static final String TEST_ADDRESS = "127.0.0.1";

    private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");

    private RecoveryPages() {
    }

    /** Types the identifier on /recover and sends the form with the page's CSRF token. */
    static HttpResponse<String> ask(WebClient web, String identifier) {
        String form = web.get("/recover").body();
        return web.postForm("/recover", Map.of("identifier", identifier, "_csrf", WebClient.csrfToken(form)));
    }

    static HttpResponse<String> enterCode(WebClient web, String code) {
        String page = web.get("/recover/code").body();
        return web.postForm("/recover/code", Map.of("code", code, "_csrf", WebClient.csrfToken(page)));
    }

    static HttpResponse<String> resend(WebClient web) {
        String page = web.get("/recover/code").body();
        return web.postForm("/recover/resend", Map.of("_csrf", WebClient.csrfToken(page)));
    }

    static HttpResponse<String> setPassword(WebClient web, String password, String repeated) {
        String page = web.get("/recover/password").body();
        return web.postForm("/recover/password",
                Map.of("password", password, "repeated", repeated, "_csrf", WebClient.csrfToken(page)));
    }

    /** The page with its CSRF tokens blanked: they differ per session and are all that may differ. */
    static String withoutCsrf(String html) {
        return html.replaceAll("(name=\"_csrf\"[^>]*value=\")[^\"]*", "$1")
                .replaceAll("(name=\"_csrf\"[^>]*content=\")[^\"]*", "$1");
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    static List<String> smsTo(JdbcClient db, String phone) {
        return db.sql("SELECT text FROM platform.caught_sms WHERE phone = :phone ORDER BY id")
                .param("phone", phone).query(String.class).list();
    }

    /** The code in the latest SMS to the phone. */
    static String lastCode(JdbcClient db, String phone) {
        List<String> texts = smsTo(db, phone);
        Matcher code = SIX_DIGITS.matcher(texts.getLast());
        if (!code.find()) {
            throw new AssertionError("no code in the last SMS to the phone");
        }
        return code.group(1);
    }

    /** Another six-digit code than the one given. */
    static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    /** A mobile number no test citizen has (they are all +7 916 …). */
    static String unknownPhone() {
        return "+7926" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** A SNILS with a valid check number that no test citizen has (theirs are below 992 000 000). */
    static String unknownSnils() {
        String body = String.valueOf(993_000_000 + ThreadLocalRandom.current().nextInt(6_000_000));
        return body + TestCitizens.snilsCheck(body);
    }

    /**
     * Gives the test address a fresh SMS allowance. Every test connects from it, and the limit of
     * ten SMS a day per address would otherwise be spent by the tests before.
     */
    static void forgetSmsFromTestAddress(JdbcClient db) {
        db.sql("DELETE FROM identity.sms_sent WHERE source_ip = :ip").param("ip", TEST_ADDRESS).update();
    }
}
