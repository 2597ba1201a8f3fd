package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

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

import ru.gospochta.MutableClock;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.mailbox.attachments.AttachmentFiles;
import ru.gospochta.identity.internal.account.Accounts;

@IdentityTest
@DisplayName("MBX-2: «История сообщений» — filters and full-text search with Russian morphology")
class HistoryTests {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Autowired MailboxDelivery delivery;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired MutableClock clock;
    @Autowired JdbcClient db;
    @LocalServerPort int port;

    Citizen citizen;

    @BeforeEach
    void signedIn() {
        citizen = Citizen.signedIn(port, accounts, passwords, sessions);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @DisplayName("MBX-2: the period filter takes whole days in Moscow time, both ends included")
    void period() {
        UUID tenDaysAgo = deliverAt(Duration.ofDays(-10));
        UUID fiveDaysAgo = deliverAt(Duration.ofDays(5));
        UUID today = deliverAt(Duration.ofDays(5));
        LocalDate day = LocalDate.ofInstant(clock.instant(), MOSCOW);

        assertThat(history("from=" + day.minusDays(6) + "&to=" + day.minusDays(1))).containsExactly(fiveDaysAgo);
        assertThat(history("from=" + day.minusDays(5) + "&to=" + day.minusDays(5))).containsExactly(fiveDaysAgo);
        assertThat(history("from=" + day.minusDays(5))).containsExactly(today, fiveDaysAgo);
        assertThat(history("to=" + day.minusDays(10))).containsExactly(tenDaysAgo);
        assertThat(history("")).containsExactly(today, fiveDaysAgo, tenDaysAgo);
    }

    @Test
    @DisplayName("MBX-2: direction, read state, category and agency filter, alone and together")
    void directionStateCategoryAgency() {
        Letter tax = Letter.to(citizen.id()).from(Letter.FNS, "ФНС России").category("payments");
        Letter passport = Letter.to(citizen.id()).from(Letter.MVD, "МВД России").category("application-status");
        Letter deadline = Letter.to(citizen.id()).from(Letter.FNS, "ФНС России").category("deadlines");
        delivery.deliverAll(List.of(tax.build(), passport.build(), deadline.build()));
        citizen.get("/cabinet/mailbox/messages/" + passport.id());
        db.sql("UPDATE mailbox.messages SET direction = 'OUTGOING' WHERE id = :id").param("id", deadline.id()).update();

        assertThat(history("state=READ")).containsExactly(passport.id());
        assertThat(history("state=UNREAD")).containsExactlyInAnyOrder(tax.id(), deadline.id());
        assertThat(history("direction=INCOMING")).containsExactlyInAnyOrder(tax.id(), passport.id());
        assertThat(history("direction=OUTGOING")).containsExactly(deadline.id());
        assertThat(history("category=payments")).containsExactly(tax.id());
        assertThat(history("agency=" + Letter.FNS)).containsExactlyInAnyOrder(tax.id(), deadline.id());
        assertThat(history("agency=" + Letter.FNS + "&state=UNREAD&direction=INCOMING")).containsExactly(tax.id());
        assertThat(history("direction=&state=&category=&agency=&from=&to=&q=")).hasSize(3);

        String page = citizen.get("/cabinet/mailbox/history").body();
        assertThat(page).contains("<option value=\"" + Letter.FNS + "\">ФНС России</option>", "Исходящее", "Входящее");
    }

    @Test
    @DisplayName("MBX-2: search finds words in any grammatical form — «заявления» finds «заявление», «декларацию» finds «декларация»")
    void russianMorphology() {
        Letter passport = Letter.to(citizen.id()).subject("Заявление о замене паспорта принято")
                .text("Ваше заявление принято к рассмотрению.");
        Letter declaration = Letter.to(citizen.id()).subject("Напоминание").text("Представьте налоговую декларацию до 30 апреля.");
        Letter other = Letter.to(citizen.id()).subject("Начисление транспортного налога").text("Сумма: 6 800 ₽.");
        delivery.deliverAll(List.of(passport.build(), declaration.build(), other.build()));

        assertThat(search("заявления")).containsExactly(passport.id());
        assertThat(search("замену паспортов")).containsExactly(passport.id());
        assertThat(search("декларация")).containsExactly(declaration.id());
        assertThat(search("налогом")).containsExactly(other.id());
        assertThat(search("паспорт -замене")).isEmpty();
        assertThat(citizen.get("/cabinet/mailbox/history?q=" + encode("заявления")).body()).contains("Поиск: «заявления»");
    }

    @Test
    @DisplayName("MBX-2: search reaches the text of attachments and their names")
    void attachmentText() {
        Letter extract = Letter.to(citizen.id()).subject("Документ готов")
                .file("Выписка ЕГРН.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII),
                        "Объект недвижимости с кадастровым номером 77:01:0001001:1234, правообладатель Иванов.");
        delivery.deliver(extract.build());
        delivery.deliver(Letter.to(citizen.id()).subject("Прочее").build());

        assertThat(search("кадастровый номер")).containsExactly(extract.id());
        assertThat(search("правообладателя")).containsExactly(extract.id());
        assertThat(search("выписки")).containsExactly(extract.id());
    }

    @Test
    @DisplayName("MBX-2: a delivered PDF whose text was not read yet becomes searchable shortly after delivery")
    void attachmentTextAfterDelivery() {
        Letter decision = Letter.to(citizen.id()).subject("Решение")
                .file("Решение.pdf", "application/pdf", AttachmentFiles.pdf("Назначено ежемесячное пособие"), null);
        delivery.deliver(decision.build());

        // By name at once; the text follows once the indexer, woken by the delivery, has read it.
        assertThat(search("решение")).containsExactly(decision.id());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(search("пособия")).containsExactly(decision.id()));
        assertThat(db.sql("SELECT count(*) FROM mailbox.attachments WHERE message_id = :id AND text_pending")
                .param("id", decision.id()).query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("MBX-2: a file left waiting for its text (a node stopped mid-way) is read by the next pass")
    void attachmentTextLeftWaiting() {
        Letter decision = Letter.to(citizen.id()).subject("Уведомление")
                .file("Справка.pdf", "application/pdf", AttachmentFiles.pdf("Справка о составе семьи"), "");
        delivery.deliver(decision.build());
        assertThat(search("семьи")).isEmpty();

        db.sql("UPDATE mailbox.attachments SET text_pending = true WHERE message_id = :id").param("id", decision.id()).update();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(search("семьи")).containsExactly(decision.id()));
    }

    @Test
    @DisplayName("MBX-2: search and filters find only the citizen's own mail")
    void onlyOwnMail() {
        Citizen stranger = Citizen.signedIn(port, accounts, passwords, sessions);
        delivery.deliver(Letter.to(stranger.id()).subject("Решение о предоставлении субсидии").build());

        assertThat(search("субсидии")).isEmpty();
        assertThat(stranger.get("/cabinet/mailbox/history?q=" + encode("субсидии")).body()).contains("Решение о предоставлении субсидии");
    }

    @Test
    @DisplayName("MBX-2: «Ещё» in a filtered history keeps the filters and the search words")
    void moreKeepsFilters() {
        for (int i = 0; i < 23; i++) {
            delivery.deliver(Letter.to(citizen.id()).subject("Уведомление о задолженности " + i).build());
        }
        delivery.deliver(Letter.to(citizen.id()).subject("Посторонняя тема").build());

        String first = citizen.get("/cabinet/mailbox/history?state=UNREAD&q=" + encode("задолженность")).body();
        String more = Pages.more(first).orElseThrow();
        assertThat(more).contains("state=UNREAD").contains("q=" + encode("задолженность").replace("+", "%20"));
        assertThat(Pages.rows(first)).hasSize(20);
        assertThat(Pages.rows(citizen.get(more).body())).hasSize(3).doesNotContainAnyElementsOf(Pages.rows(first));
    }

    private UUID deliverAt(Duration shift) {
        clock.advance(shift);
        Letter letter = Letter.to(citizen.id());
        delivery.deliver(letter.build());
        return letter.id();
    }

    private List<UUID> history(String query) {
        var response = citizen.get("/cabinet/mailbox/history?" + query);
        assertThat(response.statusCode()).as(query).isEqualTo(200);
        return Pages.rows(response.body());
    }

    private List<UUID> search(String words) {
        return history("q=" + encode(words));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
