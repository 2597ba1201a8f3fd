package ru.gospochta.mailbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A message for tests, as the gateway would hand it to {@link MailboxDelivery}: plausible defaults,
 * each part changeable.
 */
final class Letter {

    static final UUID FNS = UUID.nameUUIDFromBytes("test-agency-fns".getBytes(StandardCharsets.UTF_8));
    static final UUID MVD = UUID.nameUUIDFromBytes("test-agency-mvd".getBytes(StandardCharsets.UTF_8));

    private UUID id = UUID.randomUUID();
    private final UUID account;
    private UUID agencyId = FNS;
    private String agencyName = "ФНС России";
    private String category = "payments";
    private String subject = "Налоговое уведомление";
    private String text = "Сформировано налоговое уведомление на уплату имущественных налогов.";
    private String html;
    private String applicationRef;
    private LocalDate due;
    private String priority = "normal";
    private final List<AcceptedFile> files = new ArrayList<>();
    private Instant sentAt = Instant.now();

    private Letter(UUID account) {
        this.account = account;
    }

    static Letter to(UUID account) {
        return new Letter(account);
    }

    Letter id(UUID value) {
        id = value;
        return this;
    }

    Letter from(UUID agency, String name) {
        agencyId = agency;
        agencyName = name;
        return this;
    }

    Letter category(String value) {
        category = value;
        return this;
    }

    Letter subject(String value) {
        subject = value;
        return this;
    }

    Letter text(String value) {
        text = value;
        return this;
    }

    Letter html(String value) {
        html = value;
        return this;
    }

    Letter application(String value) {
        applicationRef = value;
        return this;
    }

    Letter due(LocalDate value) {
        due = value;
        return this;
    }

    Letter important() {
        priority = "high";
        return this;
    }

    Letter file(String name, String mediaType, byte[] content, String extractedText) {
        files.add(new AcceptedFile(name, mediaType, content, extractedText));
        return this;
    }

    UUID id() {
        return id;
    }

    NewMessage build() {
        return new NewMessage(id, account, agencyId, agencyName, category, subject, text, html, applicationRef, due, priority,
                "ГП-ТЕСТ-" + id.toString().substring(0, 8), files, sentAt);
    }
}
