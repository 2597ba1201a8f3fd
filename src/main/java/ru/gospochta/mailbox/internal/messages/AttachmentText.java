package ru.gospochta.mailbox.internal.messages;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.mailbox.internal.MailboxProperties;
import ru.gospochta.mailbox.internal.attachments.AttachmentInspection;
import ru.gospochta.mailbox.internal.crypto.Binding;
import ru.gospochta.mailbox.internal.crypto.DataKeys;
import ru.gospochta.platform.BackgroundPace;
import ru.gospochta.platform.OutboxWorkers;
import ru.gospochta.platform.WakeSignal;

/**
 * Adds the text of delivered attachments to their messages' search vectors (MBX-2), after the
 * delivery rather than in it: reading a PDF costs more than storing a thousand messages, and an
 * agency's 202 must not wait for it. Delivered files wait flagged in {@code mailbox.attachments};
 * a worker takes a few at a time with {@code FOR UPDATE SKIP LOCKED}, so nodes share the work and
 * a node that stops mid-way leaves its rows to the next. A delivery wakes the worker when it
 * commits; a slow poll catches what other nodes delivered or a restart left behind. While the host
 * is busy the worker gives way ({@link BackgroundPace}): its backlog waits, accepting mail does not.
 */
@Component
class AttachmentText implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AttachmentText.class);
    static final int BATCH = 8;
    static final long POLL_SECONDS = 5;

    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final DataKeys dataKeys;
    private final SealedFiles files;
    private final AttachmentInspection inspection;
    private final int searchTextLimit;
    private final WakeSignal signal = new WakeSignal();
    private final BackgroundPace pace;
    private final OutboxWorkers workers;

    AttachmentText(JdbcClient db, TransactionTemplate transactions, DataKeys dataKeys, SealedFiles files,
            AttachmentInspection inspection, MailboxProperties properties) {
        this.db = db;
        this.transactions = transactions;
        this.dataKeys = dataKeys;
        this.files = files;
        this.inspection = inspection;
        this.searchTextLimit = properties.searchTextLimit();
        // A burst of mail comes first: its files' text is searchable a little later instead.
        this.pace = BackgroundPace.ofHost(properties.textBusyLoad(), properties.textBusyShare(), Duration.ofSeconds(POLL_SECONDS));
        this.workers = new OutboxWorkers("attachment-text-", 1, Duration.ofSeconds(POLL_SECONDS), signal, this::indexBatch, pace);
    }

    BackgroundPace pace() {
        return pace;
    }

    /** Called inside a delivery: once it commits, the worker looks for the new files. */
    void wakeAfterCommit() {
        signal.wakeAfterCommit();
    }

    int indexBatch() {
        Integer done = transactions.execute(status -> {
            List<Waiting> waiting = db.sql("""
                            SELECT a.id, a.message_id, a.account, a.blob_key, m.key_version
                            FROM mailbox.attachments a JOIN mailbox.messages m ON m.id = a.message_id
                            WHERE a.text_pending ORDER BY a.delivered_at, a.id LIMIT :n
                            FOR UPDATE OF a SKIP LOCKED""")
                    .param("n", BATCH)
                    .query((rs, i) -> new Waiting(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class),
                            rs.getObject("account", UUID.class), rs.getString("blob_key"), rs.getInt("key_version")))
                    .list();
            if (waiting.isEmpty()) {
                return 0;
            }
            Map<UUID, StringBuilder> byMessage = new LinkedHashMap<>();
            for (Waiting file : waiting) {
                byMessage.computeIfAbsent(file.message(), m -> new StringBuilder()).append(read(file)).append('\n');
            }
            byMessage.forEach((message, text) -> db.sql("""
                            UPDATE mailbox.messages SET search = search || setweight(to_tsvector('russian', :text), 'C')
                            WHERE id = :id""")
                    .param("text", SearchText.cut(Texts.clean(text.toString()), searchTextLimit)).param("id", message)
                    .update());
            db.sql("UPDATE mailbox.attachments SET text_pending = false WHERE id = ANY(:ids)")
                    .param("ids", waiting.stream().map(Waiting::id).toArray(UUID[]::new)).update();
            return waiting.size();
        });
        return done == null ? 0 : done;
    }

    /** A file that cannot be read is still marked done: search simply goes without its text. */
    private String read(Waiting file) {
        try {
            byte[] content = files.open(file.blobKey(), dataKeys.key(file.account(), file.keyVersion()),
                    Binding.attachment(file.message(), file.id()));
            return inspection.text(content);
        } catch (RuntimeException e) {
            log.warn("The text of attachment {} could not be read for search: {}", file.id(), e.toString());
            return "";
        }
    }

    @Override
    public void start() {
        workers.start();
    }

    @Override
    public void stop() {
        workers.stop();
    }

    @Override
    public boolean isRunning() {
        return workers.running();
    }

    private record Waiting(UUID id, UUID message, UUID account, String blobKey, int keyVersion) {
    }
}
