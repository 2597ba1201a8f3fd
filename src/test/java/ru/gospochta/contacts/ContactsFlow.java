package ru.gospochta.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.springframework.jdbc.core.simple.JdbcClient;

import ru.gospochta.WebClient;
import ru.gospochta.identity.Limits;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.platform.CaughtMailbox;
import ru.gospochta.platform.internal.mail.MailCatcher;

/**
 * «Контактные данные» walked over HTTP as the browser does for one signed-in citizen, with the
 * letters read back over IMAP from the mail catcher. {@code slot} is {@code email} for the main
 * address and {@code backup-email} for the backup one.
 */
final class ContactsFlow {

    static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final WebClient browser;
    private final Account citizen;
    private final JdbcClient db;
    private final MailCatcher catcher;

    ContactsFlow(WebClient browser, Account citizen, JdbcClient db, MailCatcher catcher) {
        this.browser = browser;
        this.citizen = citizen;
        this.db = db;
        this.catcher = catcher;
    }

    static String newAddress() {
        return "citizen-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru";
    }

    String csrf(String path) {
        return WebClient.csrfToken(browser.get(path).body());
    }

    /** Re-check (password and SMS code) and send the letter to the address. */
    HttpResponse<String> add(String slot, String address) {
        String base = "/cabinet/contacts/" + slot;
        Limits.reset(db);
        browser.postForm(base + "/recheck/code", Map.of("_csrf", csrf(base + "/recheck")));
        HttpResponse<String> rechecked = browser.postForm(base + "/recheck", Map.of("password", TestCitizens.PASSWORD,
                "code", Limits.lastCode(db, citizen.phone()), "_csrf", csrf(base + "/recheck")));
        assertThat(rechecked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(base + "/new"));
        return browser.postForm(base + "/new", Map.of("address", address, "_csrf", csrf(base + "/new")));
    }

    HttpResponse<String> enterCode(String slot, String code) {
        String path = "/cabinet/contacts/" + slot + "/confirm";
        return browser.postForm(path, Map.of("code", code, "_csrf", csrf(path)));
    }

    /** Adds the address and confirms it with the code of its letter. */
    void bind(String slot, String address) throws Exception {
        assertThat(add(slot, address).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/" + slot + "/confirm"));
        assertThat(enterCode(slot, find(CODE, lastLetter(address)[1])).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("?confirmed"));
    }

    /** The latest letter to the address, read over IMAP: subject, text, HTML. */
    String[] lastLetter(String address) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", catcher.imapPort(), address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message letter = inbox.getMessage(inbox.getMessageCount());
            Multipart parts = (Multipart) letter.getContent();
            return new String[] {letter.getSubject(), (String) parts.getBodyPart(0).getContent(),
                    (String) parts.getBodyPart(1).getContent()};
        } finally {
            store.close();
        }
    }

    int letterCount(String address) throws Exception {
        return CaughtMailbox.count(catcher.imapPort(), address);
    }

    static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("in: " + text).isTrue();
        return m.group(1);
    }
}
