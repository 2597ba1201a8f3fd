package ru.gospochta.notify.internal.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final Reachability reachability;

    Dispatcher(JdbcClient db, TransactionTemplate transactions, Composer composer, Providers providers, Outcomes outcomes,
            DispatchSignal signal, NotifyProperties properties, Clock clock, PreferencesStore preferences,
            Reachability reachability) {
        this.preferences = preferences;
        this.reachability = reachability;
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
        Map<Channel, List<UUID>> accounts = new java.util.EnumMap<>(Channel.class);
        claimed.forEach(c -> accounts.computeIfAbsent(c.channel(), ch -> new ArrayList<>()).add(c.account()));
        Map<Channel, Map<UUID, Reachability.Skip>> unreachable = reachability.unreachable(accounts);
        Preferences defaults = Preferences.defaults();
        Outcomes.Result[] results = new Outcomes.Result[claimed.size()];
        Map<Channel, Batch> batches = new java.util.EnumMap<>(Channel.class);
        for (int i = 0; i < claimed.size(); i++) {
            Claimed c = claimed.get(i);
            Preferences chosen = settings.getOrDefault(c.account(), defaults);
            Reachability.Skip skip = unreachable.getOrDefault(c.channel(), Map.of()).get(c.account());
            if (skip != null) {
                results[i] = new Outcomes.Result(c, skip.provider(), Outcome.skipped(skip.reason()), clock.instant());
                continue;
            }
            // A channel no provider serves was answered by the lookup above: every one of its notices is skipped.
            Provider provider = providers.pick(c.channel());
            if (provider.takesBatches()) {
                results[i] = batches.computeIfAbsent(c.channel(), ch -> new Batch(provider, clock.instant()))
                        .compose(i, c, chosen);
            } else {
                results[i] = deliver(c, provider, chosen);
            }
        }
        batches.values().forEach(batch -> batch.send(results));
        List<Outcomes.Result> recorded = List.of(results);
        transactions.executeWithoutResult(status -> outcomes.record(recorded));
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
                        WITH fresh AS (
                            SELECT id FROM notify.notifications
                            WHERE status IN ('created', 'temporary-failure') AND due_at <= :now
                            ORDER BY due_at LIMIT :batch FOR UPDATE SKIP LOCKED),
                        -- Claimed by a node that stopped before it recorded an outcome: its claim has run out.
                        abandoned AS (
                            SELECT id FROM notify.notifications
                            WHERE status = 'sending' AND claimed_until < :now
                            ORDER BY claimed_until LIMIT :batch FOR UPDATE SKIP LOCKED),
                        due AS (SELECT id FROM fresh UNION ALL SELECT id FROM abandoned),
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

    /**
     * Sends one notification; a temporary failure that passes the provider over is tried again at
     * once through the one that takes over.
     *
     * @param provider the one picked for it just now
     */
    private Outcomes.Result deliver(Claimed c, Provider provider, Preferences settings) {
        Instant started = clock.instant();
        Written written = write(c, provider, settings, started);
        if (written.settled() != null) {
            return written.settled();
        }
        Dispatch dispatch = Objects.requireNonNull(written.dispatch());
        Outcomes.Result first = attempt(c, provider, dispatch, started, null);
        if (first.outcome().kind() != Outcome.Kind.TEMPORARY) {
            return first;
        }
        return providers.instead(provider).map(next -> attempt(c, next, dispatch, clock.instant(), first)).orElse(first);
    }

    /** A notice written out for sending, or the result of one that cannot be sent. */
    private record Written(@Nullable Dispatch dispatch, Outcomes.@Nullable Result settled) {
    }

    /** Nothing to send is skipped; a failure to write it out is ours, not the provider's: it counts nothing against it. */
    private Written write(Claimed c, Provider provider, Preferences settings, Instant started) {
        try {
            return composer.compose(c, settings).map(d -> new Written(d, null)).orElseGet(() ->
                    new Written(null, new Outcomes.Result(c, provider.name(), Outcome.skipped("nothing-to-send"), started)));
        } catch (RuntimeException e) {
            log.warn("Notification {} could not be written out", c.id(), e);
            return new Written(null, new Outcomes.Result(c, provider.name(),
                    Outcome.temporary("internal-error", e.getClass().getSimpleName()), started));
        }
    }

    private Outcomes.Result attempt(Claimed c, Provider provider, Dispatch dispatch, Instant started,
            Outcomes.@Nullable Result failedBefore) {
        Outcome outcome;
        try {
            outcome = provider.send(dispatch);
        } catch (RuntimeException e) {
            log.warn("Notification {} failed in provider {}", c.id(), provider.name(), e);
            outcome = Outcome.temporary("internal-error", e.getClass().getSimpleName());
        }
        account(provider, outcome);
        return new Outcomes.Result(c, provider.name(), outcome, started, failedBefore);
    }

    /** A provider that answered, even with a refusal, is up; one that failed to answer counts towards failover. */
    private void account(Provider provider, Outcome outcome) {
        switch (outcome.kind()) {
            case DELIVERED, PERMANENT -> providers.succeeded(provider);
            case TEMPORARY -> providers.failed(provider);
            case SKIPPED -> { }
        }
    }

    /**
     * The notifications of one claimed batch for a provider that takes them at once: written out
     * first, then handed over together; what could not be written out is settled at once.
     */
    private final class Batch {

        private final Provider provider;
        private final Instant started;
        private final List<Integer> positions = new ArrayList<>();
        private final List<Claimed> notifications = new ArrayList<>();
        private final List<Dispatch> dispatches = new ArrayList<>();

        Batch(Provider provider, Instant started) {
            this.provider = provider;
            this.started = started;
        }

        /** Writes the notification out for sending with the batch; the result of one that cannot be sent, else null. */
        Outcomes.@Nullable Result compose(int position, Claimed c, Preferences preferences) {
            Written written = write(c, provider, preferences, started);
            if (written.settled() == null) {
                positions.add(position);
                notifications.add(c);
                dispatches.add(Objects.requireNonNull(written.dispatch()));
            }
            return written.settled();
        }

        /**
         * Hands the batch over; what the provider failed to take goes at once through the provider
         * that takes over if those failures passed it over, rather than waiting for a retry.
         */
        void send(Outcomes.Result[] results) {
            if (dispatches.isEmpty()) {
                return;
            }
            List<Outcome> sent = sendAll(provider, dispatches);
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                account(provider, sent.get(i));
                results[positions.get(i)] = new Outcomes.Result(notifications.get(i), provider.name(), sent.get(i), started);
                if (sent.get(i).kind() == Outcome.Kind.TEMPORARY) {
                    failed.add(i);
                }
            }
            if (failed.isEmpty()) {
                return;
            }
            providers.instead(provider).ifPresent(next -> {
                Instant again = clock.instant();
                List<Outcome> second = sendAll(next, failed.stream().map(dispatches::get).toList());
                for (int k = 0; k < failed.size(); k++) {
                    int at = positions.get(failed.get(k));
                    account(next, second.get(k));
                    results[at] = new Outcomes.Result(notifications.get(failed.get(k)), next.name(), second.get(k), again, results[at]);
                }
            });
        }

        private static List<Outcome> sendAll(Provider provider, List<Dispatch> batch) {
            try {
                List<Outcome> sent = provider.send(batch);
                if (sent.size() != batch.size()) {
                    throw new IllegalStateException(provider.name() + " answered " + sent.size() + " of " + batch.size());
                }
                return sent;
            } catch (RuntimeException e) {
                log.warn("A batch of {} failed in provider {}", batch.size(), provider.name(), e);
                return java.util.Collections.nCopies(batch.size(), Outcome.temporary("internal-error", e.getClass().getSimpleName()));
            }
        }
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
