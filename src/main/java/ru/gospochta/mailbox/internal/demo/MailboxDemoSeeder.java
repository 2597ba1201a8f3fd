package ru.gospochta.mailbox.internal.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.Recipients;
import ru.gospochta.mailbox.AcceptedFile;
import ru.gospochta.mailbox.MailboxDelivery;
import ru.gospochta.mailbox.NewMessage;
import ru.gospochta.platform.DemoCredential;
import ru.gospochta.platform.DemoSecrets;
import ru.gospochta.platform.DemoSeeder;

/**
 * A few letters in the demo citizen's mailbox, so a newcomer sees the mailbox at work: a tax
 * notice with a deadline, an extract ready with its PDF, an application accepted, a support
 * answer. Their ids are derived from the account, so a restart finds them delivered already.
 * Runs after identity's seeders, which make the citizen.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class MailboxDemoSeeder implements DemoSeeder {

    /** The demo citizen's SNILS, 112-233-445 95, as identity's demo seed gives it. */
    static final String DEMO_CITIZEN_SNILS = "11223344595";
    private static final Logger log = LoggerFactory.getLogger(MailboxDemoSeeder.class);

    private final Recipients recipients;
    private final MailboxDelivery delivery;
    private final Clock clock;

    MailboxDemoSeeder(Recipients recipients, MailboxDelivery delivery, Clock clock) {
        this.recipients = recipients;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Override
    public List<DemoCredential> seed(DemoSecrets secrets) {
        Recipients.Key key = new Recipients.Key(Recipients.By.SNILS, DEMO_CITIZEN_SNILS);
        Recipients.Resolution citizen = recipients.resolve(List.of(key)).get(key);
        if (citizen == null || citizen.account() == null) {
            log.warn("No demo citizen with SNILS {}: the demo mailbox stays empty", DEMO_CITIZEN_SNILS);
            return List.of();
        }
        // One at a time, oldest first, so the list shows them in the order they "arrived".
        for (NewMessage message : letters(citizen.account())) {
            delivery.deliver(message);
        }
        return List.of();
    }

    private List<NewMessage> letters(UUID account) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of("Europe/Moscow"));
        byte[] extract = DemoPdf.of(List.of("GOSPOCHTA DEMO DOCUMENT", "Extract from the Unified State Register of Real Estate",
                "No. KUVI-001/2026-0123456", "Object: flat, Moscow, Ilyinka st. 9, apt. 1", "Owner: Ivanov Ivan Ivanovich"));
        byte[] notice = DemoPdf.of(List.of("GOSPOCHTA DEMO DOCUMENT", "Tax notice No. 12345678 for 2025",
                "Property tax and transport tax", "Amount due: 8 940.00 RUB"));
        return List.of(
                letter(account, 1, "support", "Служба поддержки Госпочты", "support",
                        "Ответ на обращение № 2026-000117 «Настройка почтовых уведомлений»",
                        """
                        Здравствуйте, Иван Иванович!

                        Вы спрашивали, как получать уведомления о новых сообщениях на электронную почту. Откройте \
                        «Личный кабинет» → «Контактные данные», добавьте адрес и подтвердите его кодом из письма. \
                        После подтверждения уведомления начнут приходить на этот адрес.

                        Портал никогда не запрашивает пароль и коды подтверждения в письмах.

                        С уважением, служба поддержки Госпочты""",
                        null, null, null, "normal", now.minus(Duration.ofDays(9)), List.of()),
                letter(account, 2, "mvd", "МВД России", "application-status",
                        "Заявление о замене паспорта принято",
                        """
                        Ваше заявление о замене паспорта гражданина Российской Федерации принято к рассмотрению.
                        Статус: «В работе». О готовности паспорта мы сообщим дополнительно.""",
                        "<p>Ваше заявление о замене паспорта гражданина Российской Федерации <strong>принято к рассмотрению</strong>.</p>"
                                + "<p>Статус: «В работе». О готовности паспорта мы сообщим дополнительно.</p>",
                        "№ 4321098765", null, "normal", now.minus(Duration.ofDays(6)), List.of()),
                letter(account, 3, "rosreestr", "Росреестр", "documents-ready",
                        "Выписка из ЕГРН готова",
                        """
                        Выписка из Единого государственного реестра недвижимости по вашему запросу готова.
                        Документ приложен к сообщению в формате PDF.""",
                        null, "КУВИ-001/2026-0123456", null, "normal", now.minus(Duration.ofDays(3)),
                        List.of(new AcceptedFile("Выписка из ЕГРН.pdf", "application/pdf", extract,
                                "Выписка из Единого государственного реестра недвижимости об объекте недвижимости. "
                                        + "Квартира, г. Москва, ул. Ильинка, д. 9, кв. 1. Правообладатель: Иванов Иван Иванович."))),
                letter(account, 4, "fns", "ФНС России", "payments",
                        "Налоговое уведомление за 2025 год",
                        """
                        Сформировано налоговое уведомление № 12345678 на уплату имущественных налогов за 2025 год.
                        Сумма к уплате: 8 940,00 ₽. Уплатите налог до срока, указанного в уведомлении.""",
                        "<p>Сформировано <strong>налоговое уведомление № 12345678</strong> на уплату имущественных налогов за 2025 год.</p>"
                                + "<ul><li>Налог на имущество физических лиц: 2 140,00 ₽</li><li>Транспортный налог: 6 800,00 ₽</li></ul>"
                                + "<p>Сумма к уплате: <strong>8 940,00 ₽</strong>.</p>",
                        null, today.plusDays(30), "high", now.minus(Duration.ofHours(20)),
                        List.of(new AcceptedFile("Налоговое уведомление.pdf", "application/pdf", notice,
                                "Налоговое уведомление № 12345678. Налог на имущество физических лиц и транспортный налог. "
                                        + "Сумма к уплате 8 940,00 рублей."))));
    }

    private static NewMessage letter(UUID account, int number, String agency, String agencyName, String category,
            String subject, String text, @Nullable String html, @Nullable String applicationRef, @Nullable LocalDate due,
            String priority, Instant sentAt, List<AcceptedFile> files) {
        UUID id = UUID.nameUUIDFromBytes(("gospochta-demo-mailbox:" + account + ":" + number).getBytes(StandardCharsets.UTF_8));
        UUID agencyId = UUID.nameUUIDFromBytes(("gospochta-demo-agency:" + agency).getBytes(StandardCharsets.UTF_8));
        return new NewMessage(id, account, agencyId, agencyName, category, subject, text, html, applicationRef, due, priority,
                "ГП-ДЕМО-" + String.format("%06d", number), files, sentAt);
    }
}
