package ru.gospochta.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.WebClient;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;

@NotifyTest
@DisplayName("NTF-3: «Настройки уведомлений» over HTTP")
class NotificationSettingsTests {

    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired PreferencesStore store;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    Account citizen;
    WebClient me;

    @BeforeEach
    void signedIn() {
        citizen = TestCitizens.create(accounts, passwords);
        me = TestCitizens.signedIn(port, citizen, sessions);
    }

    @Test
    @DisplayName("NTF-3: a citizen who never changed anything sees the grid with the defaults, the locked security row and the hint to confirm an e-mail")
    void defaults() {
        HttpResponse<String> page = me.get(SettingsPages.PATH);

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("Настройки уведомлений", "Статус заявлений", "Сроки и напоминания", "Изменения персональных данных",
                "Готовые документы", "Начисления и платежи", "Новые услуги", "Безопасность", "Ответы службы поддержки",
                "Личный кабинет", "Электронная почта", "SMS", "Push-уведомления",
                "При каждом событии", "Ежедневная сводка", "Еженедельная сводка", "Ежемесячная сводка",
                "Уведомления о безопасности отключить нельзя", "обязаны направить по закону",
                "SMS и push-уведомления не отправляются");
        assertThat(SettingsPages.tag(html, "ch-payments-email")).contains("checked").doesNotContain("disabled");
        assertThat(SettingsPages.tag(html, "ch-payments-sms")).doesNotContain("checked");
        assertThat(SettingsPages.tag(html, "ch-payments-cabinet")).contains("checked", "disabled");
        assertThat(SettingsPages.tag(html, "ch-new-services-email")).doesNotContain("checked");
        for (String channel : List.of("cabinet", "email", "sms", "push")) {
            assertThat(SettingsPages.tag(html, "ch-security-" + channel)).contains("checked", "disabled");
        }
        assertThat(SettingsPages.tag(html, "frequency.security")).contains("disabled");
        assertThat(SettingsPages.selected(html, "frequency.payments")).isEqualTo("EACH_EVENT");
        assertThat(SettingsPages.selected(html, "digestHour")).isEqualTo("9");
        assertThat(SettingsPages.selected(html, "zone")).isEqualTo("Europe/Moscow");
        assertThat(html).contains("Москва (UTC+3)", "Калининград (UTC+2)", "Камчатка (UTC+12)", "Режим «Не беспокоить» выключен");
        assertThat(SettingsPages.tag(html, "format-html")).contains("checked");
        assertThat(SettingsPages.tag(html, "promotional")).doesNotContain("checked");
        assertThat(SettingsPages.tag(html, "no-email")).isNotEmpty();
        assertThat(html).contains("Чтобы получать письма, подтвердите адрес в разделе", "href=\"/cabinet/contacts\"");
    }

    @Test
    @DisplayName("NTF-3, UI-1: the page speaks English from the English bundle, every label found")
    void english() {
        String html = me.get(SettingsPages.PATH + "?lang=en").body();

        assertThat(html).contains("Notification settings", "Charges and payments", "Push notifications", "Daily digest",
                "Security notices cannot be switched off", "Moscow (UTC+3)", "Wednesday", "Plain text")
                .doesNotContain("??");
    }

    @Test
    @DisplayName("NTF-3: the page shows what the citizen saved, and no hint once an e-mail is confirmed")
    void savedValues() {
        Citizens.confirmedEmail(db, citizen.id());
        Preferences chosen = Preferences.defaults()
                .withRow(Category.PAYMENTS, new Preferences.Row(EnumSet.of(Channel.SMS, Channel.PUSH), Frequency.DAILY));
        store.save(citizen.id(), new Preferences(chosen.grid(), Preferences.LetterFormat.TEXT, 20, DayOfWeek.FRIDAY, 15,
                LocalTime.of(22, 0), LocalTime.of(7, 30), ZoneId.of("Asia/Omsk"), Instant.parse("2026-03-01T10:00:00Z")),
                Instant.now());

        String html = me.get(SettingsPages.PATH).body();

        assertThat(SettingsPages.tag(html, "ch-payments-email")).doesNotContain("checked");
        assertThat(SettingsPages.tag(html, "ch-payments-sms")).contains("checked");
        assertThat(SettingsPages.tag(html, "ch-payments-push")).contains("checked");
        assertThat(SettingsPages.selected(html, "frequency.payments")).isEqualTo("DAILY");
        assertThat(html).contains("Сводка приходит только по электронной почте");
        assertThat(SettingsPages.selected(html, "digestHour")).isEqualTo("20");
        assertThat(SettingsPages.selected(html, "digestDay")).isEqualTo("FRIDAY");
        assertThat(SettingsPages.selected(html, "digestMonthDay")).isEqualTo("15");
        assertThat(SettingsPages.selected(html, "zone")).isEqualTo("Asia/Omsk");
        assertThat(SettingsPages.tag(html, "format-text")).contains("checked");
        assertThat(SettingsPages.tag(html, "quietFrom")).contains("value=\"22:00\"");
        assertThat(SettingsPages.tag(html, "quietTo")).contains("value=\"07:30\"");
        assertThat(SettingsPages.tag(html, "promotional")).contains("checked");
        assertThat(html).contains("Согласие дано 01.03.2026.").doesNotContain("id=\"no-email\"");
    }

    @Test
    @DisplayName("NTF-3: saving stores the choice, says «Настройки сохранены» and audits exactly what changed")
    void saves() {
        Map<String, String> form = SettingsPages.defaults(me.get(SettingsPages.PATH).body());
        form.remove("channel.payments.EMAIL");
        form.put("channel.payments.SMS", "on");
        form.put("frequency.application-status", "DAILY");
        form.putAll(Map.of("quietFrom", "23:00", "quietTo", "07:30", "zone", "Asia/Yekaterinburg", "format", "TEXT",
                "digestHour", "20", "digestDay", "FRIDAY", "digestMonthDay", "15", "language", "EN"));

        HttpResponse<String> saved = me.postForm(SettingsPages.PATH, form);

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(SettingsPages.PATH));
        assertThat(me.get(SettingsPages.PATH).body()).contains("Настройки сохранены");
        assertThat(me.get(SettingsPages.PATH).body()).as("the notice is shown once").doesNotContain("Настройки сохранены");

        Preferences stored = store.of(citizen.id());
        assertThat(stored.row(Category.PAYMENTS).channels()).containsExactlyInAnyOrder(Channel.CABINET, Channel.SMS);
        assertThat(stored.row(Category.APPLICATION_STATUS).frequency()).isEqualTo(Frequency.DAILY);
        assertThat(stored.row(Category.DEADLINES).channels()).containsExactlyInAnyOrder(Channel.CABINET, Channel.EMAIL);
        assertThat(stored.quietFrom()).isEqualTo(LocalTime.of(23, 0));
        assertThat(stored.quietTo()).isEqualTo(LocalTime.of(7, 30));
        assertThat(stored.zone()).isEqualTo(ZoneId.of("Asia/Yekaterinburg"));
        assertThat(stored.format()).isEqualTo(Preferences.LetterFormat.TEXT);
        assertThat(stored.language()).as("NTF-4: letters in English from now on").isEqualTo(Preferences.Language.EN);
        assertThat(stored.digestHour()).isEqualTo(20);
        assertThat(stored.digestDay()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(stored.digestMonthDay()).isEqualTo(15);
        assertThat(stored.promotionalConsentAt()).isNull();

        List<String> audit = SettingsPages.audited(db, "notify.preferences-changed", citizen.id());
        assertThat(audit).hasSize(1);
        assertThat(audit.getFirst()).contains("\"payments.channels\":\"EMAIL → SMS\"",
                "\"application-status.frequency\":\"EACH_EVENT → DAILY\"", "\"quietHours\":\"— → 23:00–07:30\"",
                "\"zone\":\"Europe/Moscow → Asia/Yekaterinburg\"", "\"format\":\"HTML → TEXT\"", "\"language\":\"RU → EN\"")
                .doesNotContain("deadlines", "promotionalConsent");

        me.postForm(SettingsPages.PATH, form);
        assertThat(SettingsPages.audited(db, "notify.preferences-changed", citizen.id()))
                .as("saving the same again changes nothing, so there is nothing to audit").hasSize(1);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("unknown category", Map.of("channel.lottery.EMAIL", "on"), "неизвестная категория уведомлений"),
                Arguments.of("unknown category of a frequency", Map.of("frequency.lottery", "DAILY"), "неизвестная категория уведомлений"),
                Arguments.of("unknown channel", Map.of("channel.payments.FAX", "on"), "неизвестный способ получения"),
                Arguments.of("a box that is not ticked", Map.of("channel.payments.EMAIL", "off"), "неизвестный способ получения"),
                Arguments.of("unknown frequency", Map.of("frequency.payments", "HOURLY"), "Выберите периодичность из списка."),
                Arguments.of("no frequency", Map.of("frequency.payments", ""), "Выберите периодичность из списка."),
                Arguments.of("hour 24", Map.of("digestHour", "24"), "час от 00:00 до 23:00"),
                Arguments.of("hour not a number", Map.of("digestHour", "nine"), "час от 00:00 до 23:00"),
                Arguments.of("unknown weekday", Map.of("digestDay", "FUNDAY"), "Выберите день недели"),
                Arguments.of("day of month 29", Map.of("digestMonthDay", "29"), "от 1 до 28"),
                Arguments.of("day of month 0", Map.of("digestMonthDay", "0"), "от 1 до 28"),
                Arguments.of("unknown format", Map.of("format", "PDF"), "Выберите формат писем"),
                Arguments.of("a language without letters", Map.of("language", "DE"), "Выберите язык писем"),
                Arguments.of("quiet hours with one end", Map.of("quietFrom", "22:00"), "Укажите и начало, и конец тихих часов"),
                Arguments.of("quiet hours with the other end", Map.of("quietTo", "07:00"), "Укажите и начало, и конец тихих часов"),
                Arguments.of("quiet hours not a time", Map.of("quietFrom", "25:00", "quietTo", "07:00"), "в виде ЧЧ:ММ"),
                Arguments.of("quiet hours of no length", Map.of("quietFrom", "07:00", "quietTo", "07:00"), "не должны совпадать"),
                Arguments.of("a zone outside Russia", Map.of("zone", "America/New_York"), "Выберите часовой пояс из списка."),
                Arguments.of("no zone at all", Map.of("zone", "Mars/Olympus"), "Выберите часовой пояс из списка."),
                Arguments.of("consent other than the box", Map.of("promotional", "yes"), "только отметкой в поле"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    @DisplayName("NTF-3: every bad input is refused with its message, the form comes back as sent, and nothing is saved")
    void refuses(String what, Map<String, String> bad, String message) {
        Map<String, String> form = SettingsPages.defaults(me.get(SettingsPages.PATH).body());
        form.put("channel.support.SMS", "on");
        form.putAll(bad);

        HttpResponse<String> refused = me.postForm(SettingsPages.PATH, form);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Настройки не сохранены", message).doesNotContain("Настройки сохранены<");
        assertThat(SettingsPages.tag(refused.body(), "ch-support-sms")).as("the form as it was sent").contains("checked");
        assertThat(SettingsPages.rows(db, citizen.id())).isZero();
        assertThat(SettingsPages.audited(db, "notify.preferences-changed", citizen.id())).isEmpty();
    }

    @Test
    @DisplayName("NTF-3: the security row cannot be switched off, even by a forged POST")
    void securityStaysOn() {
        Map<String, String> form = SettingsPages.defaults(me.get(SettingsPages.PATH).body());
        form.put("frequency.security", "MONTHLY");
        HttpResponse<String> refused = me.postForm(SettingsPages.PATH, form);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Уведомления о безопасности приходят при каждом событии");
        assertThat(SettingsPages.rows(db, citizen.id())).isZero();

        // No security box is sent, as if all were unticked: the row stays on all the same.
        form.put("frequency.security", "EACH_EVENT");
        form.remove("channel.payments.EMAIL");
        assertThat(me.postForm(SettingsPages.PATH, form).statusCode()).isEqualTo(302);
        Preferences stored = store.of(citizen.id());
        assertThat(stored.row(Category.SECURITY).channels())
                .containsExactlyInAnyOrder(Channel.CABINET, Channel.EMAIL, Channel.SMS, Channel.PUSH);
        assertThat(stored.row(Category.SECURITY).frequency()).isEqualTo(Frequency.EACH_EVENT);
        assertThat(stored.row(Category.PAYMENTS).channels()).containsExactly(Channel.CABINET);
    }

    @Test
    @DisplayName("NTF-3: consent to news of services is given only by its box, and giving and withdrawing are both logged with source «settings»")
    void consent() {
        Map<String, String> form = SettingsPages.defaults(me.get(SettingsPages.PATH).body());
        form.put("channel.new-services.EMAIL", "on");
        me.postForm(SettingsPages.PATH, form);
        assertThat(store.of(citizen.id()).promotionalConsentAt()).as("ticking the row is not consent").isNull();
        assertThat(SettingsPages.consents(db, citizen.id())).isEmpty();

        form.put("promotional", "on");
        assertThat(me.postForm(SettingsPages.PATH, form).statusCode()).isEqualTo(302);
        Instant given = store.of(citizen.id()).promotionalConsentAt();
        assertThat(given).isNotNull();
        assertThat(SettingsPages.consents(db, citizen.id())).containsExactly("true settings");
        assertThat(me.get(SettingsPages.PATH).body()).contains("Согласие дано");

        form.put("channel.new-services.SMS", "on");
        me.postForm(SettingsPages.PATH, form);
        assertThat(store.of(citizen.id()).promotionalConsentAt()).as("kept from when it was given").isEqualTo(given);
        assertThat(SettingsPages.consents(db, citizen.id())).hasSize(1);

        form.remove("promotional");
        me.postForm(SettingsPages.PATH, form);
        assertThat(store.of(citizen.id()).promotionalConsentAt()).isNull();
        assertThat(SettingsPages.consents(db, citizen.id())).containsExactly("true settings", "false settings");
        assertThat(SettingsPages.audited(db, "notify.preferences-changed", citizen.id()))
                .anySatisfy(d -> assertThat(d).contains("\"promotionalConsent\":\"given → withdrawn\""));
    }

    @Test
    @DisplayName("NTF-3: the cabinet links to the page; without signing in there is no page, and without the CSRF token no save")
    void reachAndGuard() {
        assertThat(SettingsPages.tag(me.get("/cabinet").body(), "notifications-card")).contains("href=\"/cabinet/notifications\"");

        HttpResponse<String> anonymous = new WebClient(port).get(SettingsPages.PATH);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        Map<String, String> form = SettingsPages.defaults(me.get(SettingsPages.PATH).body());
        form.remove("_csrf");
        form.remove("channel.payments.EMAIL");
        assertThat(me.postForm(SettingsPages.PATH, form).statusCode()).isEqualTo(403);
        assertThat(SettingsPages.rows(db, citizen.id())).isZero();
    }
}
