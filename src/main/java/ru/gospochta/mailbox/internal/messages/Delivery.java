package ru.gospochta.mailbox.internal.messages;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
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
 * messages and their files with one statement each, and indexes subject, body and file
 * names for search while the plain text is at hand; the files' own text follows shortly
 * ({@link AttachmentText}). A message id delivered before into the
 * same mailbox is skipped, so a retried delivery never puts a message in twice.
 */
@Component
class Delivery implements MailboxDelivery {

    private static final Set<String> PRIORITIES = Set.of("normal", "high");

    /**
     * The batch in one statement, its columns as arrays: a row of a thousand-row batch then costs its
     * heap and index entries only, not an executor of its own (opening the table's seven indexes,
     * preparing its checks) as each row of a JDBC batch does.
     */
    private static final String INSERT_MESSAGES = """
            INSERT INTO mailbox.messages (id, account, direction, folder_id, agency_id, agency_name, category, subject,
                body_text, body_html, application_ref, due_date, priority, registration_number, sent_at, delivered_at,
                attachment_count, key_version, search)
            SELECT id, account, 'INCOMING', :folder, agency_id, agency_name, category, subject, body_text, body_html,
                application_ref, due_date, priority, registration_number, sent_at, :now, attachment_count, key_version,
                setweight(to_tsvector('russian', subject), 'A') || setweight(to_tsvector('russian', search_body), 'B')
                || setweight(to_tsvector('russian', search_files), 'C')
            FROM unnest(:ids::uuid[], :accounts::uuid[], :agencies::uuid[], :agencyNames::text[], :categories::text[],
                :subjects::text[], :bodies::bytea[], :htmls::bytea[], :refs::text[], :dues::date[], :priorities::text[],
                :numbers::text[], :sent::timestamptz[], :counts::int[], :versions::int[], :searchBodies::text[],
                :searchFiles::text[])
                AS m(id, account, agency_id, agency_name, category, subject, body_text, body_html, application_ref, due_date,
                    priority, registration_number, sent_at, attachment_count, key_version, search_body, search_files)
            ON CONFLICT (id) DO NOTHING
            RETURNING id""";

    private static final String INSERT_ATTACHMENTS = """
            INSERT INTO mailbox.attachments (id, message_id, account, position, file_name, media_type, size, blob_key,
                delivered_at, text_pending)
            SELECT id, message_id, account, position, file_name, media_type, size, blob_key, :now, text_pending
            FROM unnest(:ids::uuid[], :messages::uuid[], :accounts::uuid[], :positions::int[], :names::text[], :types::text[],
                :sizes::bigint[], :blobs::text[], :pending::boolean[])
                AS f(id, message_id, account, position, file_name, media_type, size, blob_key, text_pending)""";

    private final JdbcClient db;
    private final DataKeys dataKeys;
    private final SealedFiles files;
    private final AttachmentText attachmentText;
    private final ApplicationEventPublisher events;
    private final java.time.Clock clock;
    private final int searchTextLimit;

    Delivery(JdbcClient db, DataKeys dataKeys, SealedFiles files, AttachmentText attachmentText,
            ApplicationEventPublisher events, java.time.Clock clock, MailboxProperties properties) {
        this.attachmentText = attachmentText;
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
        Set<UUID> inserted = insertMessages(messages, keys, now);
        List<NewMessage> delivered = new ArrayList<>();
        List<NewMessage> repeated = new ArrayList<>();
        for (NewMessage m : messages) {
            // The same id twice in one batch: the first is written, the second is a repeat of it.
            (inserted.remove(m.id()) ? delivered : repeated).add(m);
        }
        refuseForeignRepeats(repeated);
        storeAttachments(delivered, keys, now);
        delivered.forEach(m -> events.publishEvent(new MessageDelivered(m.id(), m.account(), now)));
    }

    /** @return the ids written now; the others were delivered before */
    private Set<UUID> insertMessages(List<NewMessage> messages, Map<UUID, DataKey> keys, Instant now) {
        int n = messages.size();
        UUID[] ids = new UUID[n];
        UUID[] accounts = new UUID[n];
        UUID[] agencies = new UUID[n];
        String[] agencyNames = new String[n];
        String[] categories = new String[n];
        String[] subjects = new String[n];
        byte[][] bodies = new byte[n][];
        byte[][] htmls = new byte[n][];
        String[] refs = new String[n];
        String[] dues = new String[n];
        String[] priorities = new String[n];
        String[] numbers = new String[n];
        String[] sent = new String[n];
        Integer[] counts = new Integer[n];
        Integer[] versions = new Integer[n];
        String[] searchBodies = new String[n];
        String[] searchFiles = new String[n];
        for (int i = 0; i < n; i++) {
            NewMessage m = messages.get(i);
            DataKey key = keys.get(m.account());
            String bodyText = Texts.clean(m.bodyText());
            ids[i] = m.id();
            accounts[i] = m.account();
            agencies[i] = m.agencyId();
            agencyNames[i] = Texts.clean(m.agencyName());
            categories[i] = m.category();
            subjects[i] = Texts.clean(m.subject());
            bodies[i] = key.seal(bodyText.getBytes(StandardCharsets.UTF_8), Binding.bodyText(m.id()));
            htmls[i] = m.bodyHtml() == null ? null
                    : key.seal(m.bodyHtml().getBytes(StandardCharsets.UTF_8), Binding.bodyHtml(m.id()));
            refs[i] = Texts.cleanOrNull(m.applicationRef());
            dues[i] = m.dueDate() == null ? null : m.dueDate().toString();
            priorities[i] = m.priority();
            numbers[i] = Texts.clean(m.registrationNumber());
            sent[i] = m.sentAt().toString();
            counts[i] = m.attachments().size();
            versions[i] = key.version();
            searchBodies[i] = SearchText.body(bodyText, searchTextLimit);
            searchFiles[i] = SearchText.attachments(m.attachments(), searchTextLimit);
        }
        return new HashSet<>(db.sql(INSERT_MESSAGES)
                .param("folder", FolderKind.INBOX.id()).param("now", Messages.utc(now))
                .param("ids", ids).param("accounts", accounts).param("agencies", agencies).param("agencyNames", agencyNames)
                .param("categories", categories).param("subjects", subjects).param("bodies", bodies).param("htmls", htmls)
                .param("refs", refs).param("dues", dues).param("priorities", priorities).param("numbers", numbers)
                .param("sent", sent).param("counts", counts).param("versions", versions)
                .param("searchBodies", searchBodies).param("searchFiles", searchFiles)
                .query(UUID.class).list());
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
        List<UUID> ids = new ArrayList<>();
        List<UUID> messageIds = new ArrayList<>();
        List<UUID> accounts = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<String> blobs = new ArrayList<>();
        List<Boolean> pending = new ArrayList<>();
        for (NewMessage m : delivered) {
            DataKey key = keys.get(m.account());
            for (int position = 0; position < m.attachments().size(); position++) {
                AcceptedFile file = m.attachments().get(position);
                UUID id = UUID.randomUUID();
                String blobKey = Attachments.blobKey(id);
                puts.add(new SealedFiles.Put(blobKey, key, Binding.attachment(m.id(), id), file.content()));
                ids.add(id);
                messageIds.add(m.id());
                accounts.add(m.account());
                positions.add(position);
                names.add(Texts.clean(file.fileName()));
                types.add(file.mediaType());
                sizes.add(file.size());
                blobs.add(blobKey);
                pending.add(waitsForText(file));
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        files.putAll(puts);
        db.sql(INSERT_ATTACHMENTS).param("now", Messages.utc(now)).param("ids", ids.toArray(UUID[]::new))
                .param("messages", messageIds.toArray(UUID[]::new)).param("accounts", accounts.toArray(UUID[]::new))
                .param("positions", positions.toArray(Integer[]::new)).param("names", names.toArray(String[]::new))
                .param("types", types.toArray(String[]::new)).param("sizes", sizes.toArray(Long[]::new))
                .param("blobs", blobs.toArray(String[]::new)).param("pending", pending.toArray(Boolean[]::new)).update();
        if (pending.contains(true)) {
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
