package ru.gospochta.mailbox.internal.messages;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.mailbox.AcceptedFile;
import ru.gospochta.mailbox.MailboxDelivery;
import ru.gospochta.mailbox.MessageDelivered;
import ru.gospochta.mailbox.NewMessage;
import ru.gospochta.mailbox.internal.MailboxProperties;
import ru.gospochta.mailbox.internal.crypto.Binding;
import ru.gospochta.mailbox.internal.crypto.DataKey;
import ru.gospochta.mailbox.internal.crypto.DataKeys;

/**
 * {@link MailboxDelivery}: seals bodies and files under each mailbox's data key, writes the
 * messages and their files with one batched statement each, and indexes subject, body and file
 * names for search while the plain text is at hand; the files' own text follows shortly
 * ({@link AttachmentText}). A message id delivered before into the
 * same mailbox is skipped, so a retried delivery never puts a message in twice.
 */
@Component
class Delivery implements MailboxDelivery {

    private static final Set<String> PRIORITIES = Set.of("normal", "high");

    private static final String INSERT_MESSAGE = """
            INSERT INTO mailbox.messages (id, account, direction, folder_id, agency_id, agency_name, category, subject,
                body_text, body_html, application_ref, due_date, priority, registration_number, sent_at, delivered_at,
                attachment_count, key_version, search)
            VALUES (?, ?, 'INCOMING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                setweight(to_tsvector('russian', ?), 'A') || setweight(to_tsvector('russian', ?), 'B')
                || setweight(to_tsvector('russian', ?), 'C'))
            ON CONFLICT (id) DO NOTHING""";

    private static final String INSERT_ATTACHMENT = """
            INSERT INTO mailbox.attachments (id, message_id, account, position, file_name, media_type, size, blob_key,
                delivered_at, text_pending)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final JdbcClient db;
    private final DataKeys dataKeys;
    private final SealedFiles files;
    private final AttachmentText attachmentText;
    private final ApplicationEventPublisher events;
    private final java.time.Clock clock;
    private final int searchTextLimit;

    Delivery(JdbcTemplate jdbc, JdbcClient db, DataKeys dataKeys, SealedFiles files, AttachmentText attachmentText,
            ApplicationEventPublisher events, java.time.Clock clock, MailboxProperties properties) {
        this.attachmentText = attachmentText;
        this.jdbc = jdbc;
        this.db = db;
        this.dataKeys = dataKeys;
        this.files = files;
        this.events = events;
        this.clock = clock;
        this.searchTextLimit = properties.searchTextLimit();
    }

    @Override
    @Transactional
    public void deliver(NewMessage message) {
        deliverAll(List.of(message));
    }

    @Override
    @Transactional
    public void deliverAll(List<NewMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        messages.forEach(Delivery::check);
        // PostgreSQL keeps microseconds; the cursor of a list must name exactly the stored time.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<UUID, DataKey> keys = dataKeys.currentFor(messages.stream().map(NewMessage::account).distinct().toList());
        int[] inserted = insertMessages(messages, keys, now);
        List<NewMessage> delivered = new ArrayList<>();
        List<NewMessage> repeated = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            (inserted[i] == 1 ? delivered : repeated).add(messages.get(i));
        }
        refuseForeignRepeats(repeated);
        storeAttachments(delivered, keys, now);
        delivered.forEach(m -> events.publishEvent(new MessageDelivered(m.id(), m.account(), now)));
    }

    private int[] insertMessages(List<NewMessage> messages, Map<UUID, DataKey> keys, Instant now) {
        return jdbc.batchUpdate(INSERT_MESSAGE, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                NewMessage m = messages.get(i);
                DataKey key = keys.get(m.account());
                String bodyText = Texts.clean(m.bodyText());
                int c = 1;
                ps.setObject(c++, m.id());
                ps.setObject(c++, m.account());
                ps.setObject(c++, FolderKind.INBOX.id());
                ps.setObject(c++, m.agencyId());
                ps.setString(c++, Texts.clean(m.agencyName()));
                ps.setString(c++, m.category());
                ps.setString(c++, Texts.clean(m.subject()));
                ps.setBytes(c++, key.seal(bodyText.getBytes(StandardCharsets.UTF_8), Binding.bodyText(m.id())));
                if (m.bodyHtml() == null) {
                    ps.setNull(c++, Types.BINARY);
                } else {
                    ps.setBytes(c++, key.seal(m.bodyHtml().getBytes(StandardCharsets.UTF_8), Binding.bodyHtml(m.id())));
                }
                ps.setString(c++, Texts.cleanOrNull(m.applicationRef()));
                if (m.dueDate() == null) {
                    ps.setNull(c++, Types.DATE);
                } else {
                    ps.setObject(c++, m.dueDate());
                }
                ps.setString(c++, m.priority());
                ps.setString(c++, Texts.clean(m.registrationNumber()));
                ps.setObject(c++, Messages.utc(m.sentAt()));
                ps.setObject(c++, Messages.utc(now));
                ps.setInt(c++, m.attachments().size());
                ps.setInt(c++, key.version());
                ps.setString(c++, Texts.clean(m.subject()));
                ps.setString(c++, SearchText.body(bodyText, searchTextLimit));
                ps.setString(c, SearchText.attachments(m.attachments(), searchTextLimit));
            }

            @Override
            public int getBatchSize() {
                return messages.size();
            }
        });
    }

    /** A repeated id is fine for the same mailbox (a retry); for another it is the sender's bug, not a silent loss. */
    private void refuseForeignRepeats(List<NewMessage> repeated) {
        if (repeated.isEmpty()) {
            return;
        }
        Map<UUID, UUID> owners = new HashMap<>();
        db.sql("SELECT id, account FROM mailbox.messages WHERE id = ANY(:ids)")
                .param("ids", repeated.stream().map(NewMessage::id).toArray(UUID[]::new))
                .query(rs -> {
                    owners.put(rs.getObject("id", UUID.class), rs.getObject("account", UUID.class));
                });
        for (NewMessage m : repeated) {
            if (!m.account().equals(owners.get(m.id()))) {
                throw new IllegalArgumentException("message id " + m.id() + " is already taken by another mailbox");
            }
        }
    }

    private void storeAttachments(List<NewMessage> delivered, Map<UUID, DataKey> keys, Instant now) {
        List<SealedFiles.Put> puts = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        boolean pending = false;
        for (NewMessage m : delivered) {
            DataKey key = keys.get(m.account());
            for (int position = 0; position < m.attachments().size(); position++) {
                AcceptedFile file = m.attachments().get(position);
                UUID id = UUID.randomUUID();
                String blobKey = Attachments.blobKey(id);
                boolean textLater = waitsForText(file);
                pending |= textLater;
                puts.add(new SealedFiles.Put(blobKey, key, Binding.attachment(m.id(), id), file.content()));
                rows.add(new Object[] {id, m.id(), m.account(), position, Texts.clean(file.fileName()), file.mediaType(),
                        file.size(), blobKey, Messages.utc(now), textLater});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        files.putAll(puts);
        jdbc.batchUpdate(INSERT_ATTACHMENT, rows, new int[] {Types.OTHER, Types.OTHER, Types.OTHER, Types.INTEGER,
                Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.BOOLEAN});
        if (pending) {
            attachmentText.wakeAfterCommit();
        }
    }

    /** A file whose text the sender did not hand over is read after delivery; images have none to read. */
    private static boolean waitsForText(AcceptedFile file) {
        return file.text() == null && !file.mediaType().startsWith("image/");
    }

    private static void check(NewMessage m) {
        Objects.requireNonNull(m, "message");
        Objects.requireNonNull(m.id(), "id");
        Objects.requireNonNull(m.account(), "account");
        Objects.requireNonNull(m.agencyId(), "agencyId");
        Objects.requireNonNull(m.sentAt(), "sentAt");
        Objects.requireNonNull(m.bodyText(), "bodyText");
        requireText("agencyName", m.agencyName());
        requireText("category", m.category());
        requireText("subject", m.subject());
        requireText("registrationNumber", m.registrationNumber());
        if (!PRIORITIES.contains(m.priority())) {
            throw new IllegalArgumentException("priority must be normal or high, not " + m.priority());
        }
        Objects.requireNonNull(m.attachments(), "attachments");
        for (AcceptedFile file : m.attachments()) {
            requireText("attachment fileName", file.fileName());
            requireText("attachment mediaType", file.mediaType());
            Objects.requireNonNull(file.content(), "attachment content");
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
