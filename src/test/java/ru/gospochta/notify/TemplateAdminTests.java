package ru.gospochta.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.AuditSealed;
import ru.gospochta.TestStaff;
import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.internal.catalogue.EventCatalogue;
import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.delivery.Dispatcher;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;
import ru.gospochta.notify.internal.templates.Templates;
import ru.gospochta.platform.internal.mail.MailCatcher;

/** Letter templates in the admin area over real HTTP: drafts, preview, publication and the return to the default (NTF-4). */
@NotifyTest
@DisplayName("NTF-4: administrators draft, preview and publish letter templates")
class TemplateAdminTests {

    static final String LIST = "/admin/notifications/templates";
    /** Types no other test writes letters of, so a publication here changes no one else's letter. */
    static final List<String> TYPES = List.of("support-reply", "charge-cancelled", "new-service");

    @LocalServerPort int port;
    @Autowired JdbcClient db;
    @Autowired PasswordEncoder passwords;
    @Autowired EventCatalogue catalogue;
    @Autowired Templates templates;
    @Autowired Notifications notifications;
    @Autowired Dispatcher dispatcher;
    @Autowired PreferencesStore preferences;
    @Autowired Accounts accounts;
    @Autowired MailCatcher catcher;
    @Autowired SessionRepository<? extends Session> sessions;

    StaffPages admin;

    @BeforeEach
    void signIn() {
        forgetTemplates();
        TestStaff.ensureAdmin(db, passwords);
        admin = StaffPages.signedIn(port, TestStaff.ADMIN, TestStaff.PASSWORD);
    }

    @AfterEach
    void forgetTemplates() {
        db.sql("DELETE FROM notify.templates WHERE event_type IN (:types)").param("types", TYPES).update();
        templates.forget();
    }

    @Test
    @DisplayName("NTF-4: the list shows every event type of the catalogue with its category, marks and the version in force per language")
    void listsEveryType() {
        HttpResponse<String> list = admin.get(LIST);

        assertThat(list.statusCode()).isEqualTo(200);
        for (EventType type : catalogue.all()) {
            assertThat(list.body()).contains("id=\"type-" + type.code() + "\"")
                    .contains("href=\"" + LIST + "/" + type.code() + "/ru\"").contains("href=\"" + LIST + "/" + type.code() + "/en\"");
        }
        assertThat(list.body()).contains("Безопасность").contains("обязательное").contains("срочное").contains("по умолчанию");
        assertThat(admin.get("/admin").body()).contains("href=\"" + LIST + "\"").contains("Шаблоны уведомлений");
    }

    @Test
    @DisplayName("NTF-4, SEC-3: support operators and citizens are refused the templates; anonymous visitors go to the staff sign-in")
    void onlyAdministrators() {
        TestStaff.ensure(db, passwords, "tpl-support", "Supp0rt-Tpl-Pass!", "SUPPORT_OPERATOR");
        StaffPages support = StaffPages.signedIn(port, "tpl-support", "Supp0rt-Tpl-Pass!");
        assertThat(support.get(LIST).statusCode()).isEqualTo(403);
        assertThat(support.get(LIST + "/support-reply/ru").statusCode()).isEqualTo(403);
        assertThat(support.post(LIST + "/support-reply/ru/draft", "/admin", "subject", "Ответ", "body", "Текст").statusCode())
                .isEqualTo(403);
        WebClient citizen = TestCitizens.signedIn(port, TestCitizens.create(accounts, passwords), sessions);
        assertThat(citizen.get(LIST, "Accept", "text/html").statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = new WebClient(port).get(LIST + "/support-reply/ru", "Accept", "text/html");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));
        assertThat(versions("support-reply")).isZero();
        assertThat(admin.get(LIST + "/no-such-type/ru").statusCode()).isEqualTo(404);
        assertThat(admin.get(LIST + "/support-reply/de").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("NTF-4: a saved draft is version 1; its preview fills the unified layout with samples; published, it writes the next letter; all audited")
    void draftPreviewPublish() throws Exception {
        long auditBefore = lastAuditSeq();
        String editor = LIST + "/support-reply/ru";
        assertThat(admin.get(editor).body()).contains("{{requestNumber}}").contains("Черновика нет")
                .contains("Ответ службы поддержки на обращение № {{requestNumber}}");

        HttpResponse<String> saved = admin.post(editor + "/draft", editor, "subject", "Поддержка ответила: № {{requestNumber}}",
                "body", "Мы ответили на ваше обращение № {{requestNumber}}.\r\nОтвет ждёт вас в личном кабинете.", "then", "save");

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(db.sql("SELECT state || ' ' || version || ' ' || created_by FROM notify.templates WHERE event_type = 'support-reply'")
                .query(String.class).single()).isEqualTo("DRAFT 1 staff:" + TestStaff.ADMIN);
        String page = admin.get(editor).body();
        assertThat(page).contains("Черновик версии 1 сохранён.").contains("value=\"Поддержка ответила: № {{requestNumber}}\"")
                .contains("id=\"publish\"").contains("по умолчанию");

        HttpResponse<String> previewed = admin.post(editor + "/draft", editor, "subject", "Поддержка ответила: № {{requestNumber}}",
                "body", "Мы ответили на ваше обращение № {{requestNumber}}.\nОтвет ждёт вас в личном кабинете.", "then", "preview");
        assertThat(previewed.statusCode()).isEqualTo(302);
        assertThat(previewed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(editor + "/versions/1"));
        assertThat(versions("support-reply")).as("the preview saved the same draft again").isOne();
        HttpResponse<String> preview = admin.get(editor + "/versions/1");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Поддержка ответила: № Пример: requestNumber")
                .contains("Мы ответили на ваше обращение № Пример: requestNumber.")
                .contains("Отправитель: Пример: ведомство").contains("никогда не просит сообщить пароль")
                .contains("src=\"" + editor + "/versions/1/html\"").contains("sandbox");
        HttpResponse<String> html = admin.get(editor + "/versions/1/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValue(
                "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
        assertThat(html.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(html.body()).contains("<h1 style=\"font-size: 20px; color: #0b3d91;\">Поддержка ответила: № Пример: requestNumber</h1>")
                .contains("<p>Ответ ждёт вас в личном кабинете.</p>").contains("Госпочта никогда не просит");

        HttpResponse<String> published = admin.post(editor + "/publish", editor, "version", "1");

        assertThat(published.statusCode()).isEqualTo(302);
        assertThat(db.sql("SELECT state || ' ' || published_by FROM notify.templates WHERE event_type = 'support-reply' AND version = 1")
                .query(String.class).single()).isEqualTo("PUBLISHED staff:" + TestStaff.ADMIN);
        assertThat(admin.get(editor).body()).contains("Версия 1 опубликована").contains("опубликован");
        assertThat(admin.get(LIST).body()).contains("версия 1");

        Account citizen = TestCitizens.create(accounts, passwords);
        String address = Citizens.confirmedEmail(db, citizen.id());
        preferences.save(citizen.id(), new Preferences(Map.of(Category.SUPPORT, new Preferences.Row(EnumSet.of(Channel.EMAIL),
                Frequency.EACH_EVENT)), Preferences.LetterFormat.HTML, 9, DayOfWeek.MONDAY, 1, null, null, Preferences.DEFAULT_ZONE,
                null), Instant.now());
        notifications.raise(new NewEvent(UUID.randomUUID(), citizen.id(), "support-reply", Map.of("requestNumber", "SR-2026-17"),
                "support", null, null));
        dispatcher.dispatchAll();

        Message[] letters = Citizens.letters(catcher.imapPort(), address);
        assertThat(letters).hasSize(1);
        assertThat(letters[0].getSubject()).isEqualTo("Поддержка ответила: № SR-2026-17");
        assertThat(Citizens.text(letters[0])).contains("Мы ответили на ваше обращение № SR-2026-17.", "никогда не просит");

        assertThat(audit(auditBefore, "notify.template-draft-saved")).hasSize(2).allSatisfy(details ->
                assertThat(details).contains("\"type\":\"support-reply\"", "\"locale\":\"ru\"", "\"version\":\"1\""));
        assertThat(audit(auditBefore, "notify.template-published")).singleElement().satisfies(details ->
                assertThat(details).contains("\"type\":\"support-reply\"", "\"locale\":\"ru\"", "\"version\":\"1\""));
    }

    @Test
    @DisplayName("NTF-4: publishing version 2 retires version 1; returning to the default retires 2 and the catalogue's text writes letters again")
    void secondVersionAndDefault() throws Exception {
        String editor = LIST + "/charge-cancelled/ru";
        publish(editor, "Первая версия: {{amount}} ₽", 1);
        publish(editor, "Вторая версия: {{amount}} ₽", 2);

        assertThat(states("charge-cancelled")).containsExactly("1 RETIRED", "2 PUBLISHED");
        assertThat(admin.get(editor).body()).contains("id=\"revert\"");
        long auditBefore = lastAuditSeq();

        HttpResponse<String> reverted = admin.post(editor + "/default", editor);

        assertThat(reverted.statusCode()).isEqualTo(302);
        assertThat(states("charge-cancelled")).containsExactly("1 RETIRED", "2 RETIRED");
        assertThat(admin.get(editor).body()).contains("Версия 2 снята, действует шаблон по умолчанию.")
                .doesNotContain("id=\"revert\"");
        assertThat(audit(auditBefore, "notify.template-reverted")).singleElement().satisfies(details ->
                assertThat(details).contains("\"type\":\"charge-cancelled\"", "\"retired\":\"2\""));
        assertThat(admin.post(editor + "/default", editor).statusCode()).isEqualTo(302);
        assertThat(admin.get(editor).body()).contains("уже действует шаблон по умолчанию");

        Account citizen = TestCitizens.create(accounts, passwords);
        String address = Citizens.confirmedEmail(db, citizen.id());
        preferences.save(citizen.id(), new Preferences(Map.of(Category.PAYMENTS, new Preferences.Row(EnumSet.of(Channel.EMAIL),
                Frequency.EACH_EVENT)), Preferences.LetterFormat.TEXT, 9, DayOfWeek.MONDAY, 1, null, null, Preferences.DEFAULT_ZONE,
                null), Instant.now());
        notifications.raise(new NewEvent(UUID.randomUUID(), citizen.id(), "charge-cancelled", Map.of("operationId", "77",
                "date", "2026-11-20", "amount", "150.00", "paymentDetails", "УИН 1881", "link", "/cabinet/payments/77"), "test", null, null));
        dispatcher.dispatchAll();

        assertThat(Citizens.letters(catcher.imapPort(), address)).extracting(Message::getSubject)
                .containsExactly("Отмена начисления на 150,00 ₽");
    }

    @Test
    @DisplayName("NTF-4: an unknown variable, an unclosed section or an over-long subject → refused with a message naming it, nothing saved")
    void refusedDrafts() {
        String editor = LIST + "/new-service/ru";

        HttpResponse<String> colour = admin.post(editor + "/draft", editor, "subject", "Новая услуга: {{serviceName}}",
                "body", "Цвет: {{colour}}. {{description}}");
        assertThat(colour.statusCode()).isEqualTo(422);
        assertThat(colour.body()).contains("Шаблон ссылается на неизвестную переменную {{colour}}")
                .contains("Черновик не сохранён").contains("Цвет: {{colour}}. {{description}}");

        HttpResponse<String> unclosed = admin.post(editor + "/draft", editor, "subject", "Новая услуга",
                "body", "{{#serviceName}}Услуга {{serviceName}}. {{description}}");
        assertThat(unclosed.statusCode()).isEqualTo(422);
        assertThat(unclosed.body()).contains("Раздел {{#serviceName}} не закрыт: поставьте {{/serviceName}} там, где он кончается.");

        HttpResponse<String> stray = admin.post(editor + "/draft", editor, "subject", "Новая {{услуга}}", "body", "{{description}}");
        assertThat(stray.statusCode()).isEqualTo(422);
        assertThat(stray.body()).contains("Фигурные скобки в «Новая {{услуга}}» не образуют переменную");

        HttpResponse<String> tooLong = admin.post(editor + "/draft", editor, "subject", "Я".repeat(301), "body", "{{description}}");
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("Тема должна быть не длиннее 300 символов, сейчас 301.");

        assertThat(versions("new-service")).isZero();
    }

    @Test
    @DisplayName("NTF-4: a draft that refers to a variable the type no longer has cannot be published")
    void draftWithUnknownVariableIsNotPublished() {
        String editor = LIST + "/new-service/ru";
        // A draft saved before its type lost a variable: the editor itself never keeps one.
        db.sql("""
                INSERT INTO notify.templates (id, event_type, locale, version, subject, body, state, created_by, created_at)
                VALUES (:id, 'new-service', 'ru', 1, 'Новая услуга: {{serviceName}}', '{{colour}}', 'DRAFT', 'staff:someone', now())""")
                .param("id", UUID.randomUUID()).update();

        HttpResponse<String> refused = admin.post(editor + "/publish", editor, "version", "1");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Шаблон ссылается на неизвестную переменную {{colour}}");
        assertThat(states("new-service")).containsExactly("1 DRAFT");
        assertThat(admin.post(editor + "/publish", editor, "version", "7").body()).contains("Черновика версии 7 нет");
    }

    private void publish(String editor, String subject, int version) {
        assertThat(admin.post(editor + "/draft", editor, "subject", subject, "body", "Начисление {{operationId}} отменено.")
                .statusCode()).isEqualTo(302);
        assertThat(admin.post(editor + "/publish", editor, "version", String.valueOf(version)).statusCode()).isEqualTo(302);
    }

    private long versions(String type) {
        return db.sql("SELECT count(*) FROM notify.templates WHERE event_type = :t").param("t", type).query(Long.class).single();
    }

    private List<String> states(String type) {
        return db.sql("SELECT version || ' ' || state FROM notify.templates WHERE event_type = :t AND locale = 'ru' ORDER BY version")
                .param("t", type).query(String.class).list();
    }

    private long lastAuditSeq() {
        AuditSealed.await(db);
        return db.sql("SELECT coalesce(max(seq), 0) FROM audit.entries").query(Long.class).single();
    }

    /** The details of each entry of the action after {@code seq}, as JSON text without spaces. */
    private List<String> audit(long seq, String action) {
        AuditSealed.await(db);
        return db.sql("SELECT details::text FROM audit.entries WHERE seq > :seq AND action = :action AND actor = :actor ORDER BY seq")
                .param("seq", seq).param("action", action).param("actor", "staff:" + TestStaff.ADMIN)
                .query(String.class).list().stream().map(d -> d.replace(" ", "")).toList();
    }
}
