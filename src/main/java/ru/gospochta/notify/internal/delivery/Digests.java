package ru.gospochta.notify.internal.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gathers the notices waiting for a digest (NTF-3) into one letter per citizen when the chosen hour
 * comes. Gathering is one transaction: the digest letter is created and its notices are marked
 * as gathered into it together, so a restart either finds them still waiting or finds the
 * letter, which the dispatcher then sends like any other — never two letters, never a lost notice.
 */
@Component
public class Digests {

    static final int GATHER = 1000;

    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final DispatchSignal signal;
    private final Clock clock;

    Digests(JdbcClient db, TransactionTemplate transactions, DispatchSignal signal, Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.signal = signal;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${gospochta.notify.digest-check:30s}", initialDelayString = "${gospochta.notify.digest-check:30s}")
    void scheduled() {
        gatherDue();
    }

    /** @return how many digest letters were made */
    public int gatherDue() {
        int made = 0;
        for (Integer n = transactions.execute(status -> gatherBatch()); n != null && n > 0; n = transactions.execute(status -> gatherBatch())) {
            made += n;
        }
        if (made > 0) {
            signal.wake();
        }
        return made;
    }

    private int gatherBatch() {
        Instant now = clock.instant();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Map<UUID, List<UUID>> waiting = new LinkedHashMap<>();
        db.sql("""
                        SELECT id, account FROM notify.notifications
                        WHERE status = 'waiting-digest' AND due_at <= :now
                        ORDER BY account, due_at LIMIT :n FOR UPDATE SKIP LOCKED""")
                .param("now", at).param("n", GATHER)
                .query(rs -> {
                    waiting.computeIfAbsent(rs.getObject("account", UUID.class), a -> new ArrayList<>())
                            .add(rs.getObject("id", UUID.class));
                });
        for (Map.Entry<UUID, List<UUID>> account : waiting.entrySet()) {
            UUID digest = UUID.randomUUID();
            db.sql("""
                            INSERT INTO notify.notifications (id, account, kind, channel, status, due_at, created_at, updated_at)
                            VALUES (:id, :account, 'DIGEST', 'EMAIL', 'created', :now, :now, :now)""")
                    .param("id", digest).param("account", account.getKey()).param("now", at).update();
            db.sql("""
                            UPDATE notify.notifications SET status = 'digested', digest_id = :digest, updated_at = :now
                            WHERE id = ANY(:ids)""")
                    .param("digest", digest).param("now", at).param("ids", account.getValue().toArray(UUID[]::new)).update();
            db.sql("""
                            INSERT INTO notify.attempts (notification_id, at, channel, status, detail)
                            SELECT id, :now, channel, CASE WHEN id = :digest THEN 'created' ELSE 'digested' END,
                                   CASE WHEN id = :digest THEN NULL ELSE 'digest ' || :digest END
                            FROM notify.notifications WHERE id = :digest OR digest_id = :digest""")
                    .param("now", at).param("digest", digest).update();
        }
        return waiting.size();
    }
}
