package ru.gospochta.notify.internal.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.notify.Channel;
import ru.gospochta.notify.internal.NotifyProperties;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;
import ru.gospochta.platform.OutboxWorkers;

/**
 * Takes due notifications to their providers (NTF-5). A worker claims a batch with
 * {@code FOR UPDATE SKIP LOCKED} and commits the claim, talks to the providers with no database
 * connection held, then records every outcome and its attempt in one short transaction. Any number
 * of nodes may run workers on one database; a claim left by a node that died runs out and the
 * notification is taken again — delivery is at least once, and the Message-ID lets a mail system
 * see a repeat.
 */
@Component
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final Composer composer;
    private final PreferencesStore preferences;
    private final Providers providers;
    private final Outcomes outcomes;
    private final NotifyProperties properties;
    private final Clock clock;
    private final OutboxWorkers workers;

    Dispatcher(JdbcClient db, TransactionTemplate transactions, Composer composer, Providers providers, Outcomes outcomes,
            DispatchSignal signal, NotifyProperties properties, Clock clock, PreferencesStore preferences) {
        this.preferences = preferences;
        this.workers = new OutboxWorkers("notify-dispatch-", properties.workers(), properties.poll(), signal, this::dispatchOnce);
        this.db = db;
        this.transactions = transactions;
        this.composer = composer;
        this.providers = providers;
        this.outcomes = outcomes;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Claims and sends one batch of due notifications.
     *
     * @return how many were claimed
     */
    public int dispatchOnce() {
        List<Claimed> claimed = transactions.execute(status -> claim());
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        // The batch's preferences in one query, before any provider is called, rather than one a letter.
        Map<UUID, Preferences> settings = preferences.ofAll(claimed.stream().map(Claimed::account).distinct().toList());
        Map<Channel, Map<UUID, String>> unreachable = unreachable(claimed);
        List<Outcomes.Result> results = new ArrayList<>(claimed.size());
        Preferences defaults = Preferences.defaults();
        for (Claimed c : claimed) {
            String reason = unreachable.getOrDefault(c.channel(), Map.of()).get(c.account());
            results.add(deliver(c, settings.getOrDefault(c.account(), defaults), reason));
        }
        transactions.executeWithoutResult(status -> outcomes.record(results));
        return claimed.size();
    }

    /** Sends everything due now, batch after batch; for tests and the benchmark. */
    public int dispatchAll() {
        int total = 0;
        for (int n = dispatchOnce(); n > 0; n = dispatchOnce()) {
            total += n;
        }
        return total;
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        return db.sql("""
                        WITH due AS (
                            SELECT id FROM notify.notifications
                            WHERE status IN ('created', 'temporary-failure', 'sending') AND due_at <= :now
                              AND (status <> 'sending' OR claimed_until < :now)
                            ORDER BY due_at LIMIT :batch FOR UPDATE SKIP LOCKED),
                        claimed AS (
                            UPDATE notify.notifications n
                            SET status = 'sending', claimed_until = :until, attempts = n.attempts + 1, updated_at = :now
                            FROM due WHERE n.id = due.id
                            RETURNING n.id, n.account, n.channel, n.kind, n.attempts, n.created_at, n.event_id)
                        SELECT c.*, e.type, e.category, e.mandatory, e.variables, e.message_id, e.sender_name, e.system_id
                        FROM claimed c LEFT JOIN notify.events e ON e.id = c.event_id""")
                .param("until", utc(now.plus(properties.claim()))).param("now", utc(now)).param("batch", properties.batch())
                .query((rs, i) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("account", UUID.class),
                        Channel.valueOf(rs.getString("channel")), rs.getString("kind"), rs.getInt("attempts"),
                        rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject("event_id", UUID.class), rs.getString("type"), rs.getString("category"),
                        rs.getBoolean("mandatory"), variables(rs.getString("variables")), rs.getObject("message_id", UUID.class),
                        rs.getString("sender_name"), rs.getObject("system_id", UUID.class)))
                .list();
    }

    /** Who of the batch cannot be reached on each channel, asked once a channel rather than once a notification. */
    private Map<Channel, Map<UUID, String>> unreachable(List<Claimed> claimed) {
        Map<Channel, Map<UUID, String>> reasons = new java.util.EnumMap<>(Channel.class);
        Map<Channel, List<UUID>> accounts = new java.util.EnumMap<>(Channel.class);
        claimed.forEach(c -> accounts.computeIfAbsent(c.channel(), ch -> new ArrayList<>()).add(c.account()));
        accounts.forEach((channel, ids) -> {
            if (providers.serves(channel)) {
                try {
                    reasons.put(channel, providers.pick(channel).unreachable(ids.stream().distinct().toList()));
                } catch (RuntimeException e) {
                    // Asked again one by one as each is sent; the lookup failing is not a reason to skip anyone.
                    log.warn("Could not look up who is reachable by {}", channel, e);
                }
            }
        });
        return reasons;
    }

    private Outcomes.Result deliver(Claimed c, Preferences settings, @Nullable String unreachable) {
        Instant started = clock.instant();
        if (!providers.serves(c.channel())) {
            return new Outcomes.Result(c, null, Outcome.skipped("no-provider"), started);
        }
        Provider provider = providers.pick(c.channel());
        Outcome outcome;
        try {
            outcome = unreachable != null ? Outcome.skipped(unreachable)
                    : composer.compose(c, settings).map(provider::send).orElseGet(() -> Outcome.skipped("nothing-to-send"));
        } catch (RuntimeException e) {
            log.warn("Notification {} failed in provider {}", c.id(), provider.name(), e);
            outcome = Outcome.temporary("internal-error", e.getClass().getSimpleName());
        }
        switch (outcome.kind()) {
            case DELIVERED, PERMANENT -> providers.succeeded(provider);
            case TEMPORARY -> providers.failed(provider);
            case SKIPPED -> { }
        }
        return new Outcomes.Result(c, provider.name(), outcome, started);
    }

    private static Map<String, String> variables(String json) {
        if (json == null) {
            return Map.of();
        }
        JsonNode node = JSON.readTree(json);
        Map<String, String> values = new java.util.LinkedHashMap<>();
        node.properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
        return values;
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
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
}
