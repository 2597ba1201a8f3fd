package ru.gospochta.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import ru.gospochta.IntegrationTest;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.notify.NewEvent;
import ru.gospochta.notify.Notifications;
import ru.gospochta.notify.internal.NotifyProperties;
import ru.gospochta.notify.internal.delivery.Dispatcher;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.internal.mail.MailCatcher;

/**
 * Issue #6's benchmark (NTF-5), printed as tables:
 * (a) e-mails rendered, stamped, DKIM-signed and accepted by the local SMTP server (the mail
 * catcher) per second: events raised for as many citizens with confirmed addresses while the
 * dispatcher is stopped, then timed from its start until every e-mail notification is delivered —
 * against a raw baseline in the same run: a plain Jakarta Mail loop sending the very letters the
 * catcher received, unsigned, on as many threads as the dispatcher has workers, each thread on one
 * connection of its own; both after a warm-up round of a tenth of the letters (at least 1,000), and
 * each with the CPU time a letter cost in this JVM and in PostgreSQL, which other load on the
 * machine hardly moves;
 * (b) event-to-SMTP latency while events are raised at a steady rate (500 a second for 20 s) from
 * a few threads with the dispatcher running: from the moment {@code raise} is called to the
 * moment the catcher stored the letter.
 * Targets of the issue are printed beside the figures, not asserted. Run alone with
 * {@code ./bench/run -Dtest=NotifyBenchmark}; sizes come from system properties
 * ({@code -Dbench.letters}, {@code -Dbench.rate}, {@code -Dbench.seconds}, {@code -Dbench.raisers},
 * {@code -Dbench.rounds}, {@code -Dbench.warmUp}),
 * e.g. a quick run:
 * {@code ./bench/run -Dtest=NotifyBenchmark -DbenchArgs="-Dbench.letters=2000 -Dbench.seconds=5"}.
 */
@IntegrationTest
@TestPropertySource(properties = "logging.level.ru.gospochta=WARN")
public class NotifyBenchmark {

    static final int LETTERS = Integer.getInteger("bench.letters", 20_000);
    static final int RATE = Integer.getInteger("bench.rate", 500);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    static final int RAISERS = Integer.getInteger("bench.raisers", 4);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final String TYPE = "application-status-changed";
    /**
     * The citizens share this many addresses. The catcher looks a recipient's mailbox up by walking
     * every mailbox it has; with one for each of tens of thousands of citizens that walk, not the
     * letter, would be what both sides of the comparison measure.
     */
    static final int MAILBOXES = 1000;

    @Autowired DataSource dataSource;
    @Autowired JdbcClient db;
    @Autowired PasswordEncoder passwords;
    @Autowired Notifications notifications;
    @Autowired Dispatcher dispatcher;
    @Autowired NotifyProperties notify;
    @Autowired MailProperties mail;
    @Autowired MailCatcher catcher;

    final NewEvent.Sender agency = new NewEvent.Sender(UUID.randomUUID(), "Федеральная налоговая служба");

    @Test
    void run() throws Exception {
        // Long enough for the JIT to finish with the pipeline's code: with a tenth of the letters, a
        // third of the measured round still ran partly interpreted, the compiler's threads competing.
        int warmUp = Integer.getInteger("bench.warmUp", Math.max(1000, LETTERS / 2));
        Statements.printDurability(db);
        List<Citizen> citizens = seedCitizens(Math.max(LETTERS, RATE * SECONDS) + warmUp);
        Statements.reset(db);
        throughput(citizens.subList(0, LETTERS), citizens.subList(citizens.size() - warmUp, citizens.size()));
        Statements.print(db, "Statements of raising and sending " + (LETTERS + warmUp) + " events");
        latency(citizens.subList(0, citizens.size() - warmUp));
    }

    record Citizen(UUID account, String address) {
    }

    /** The DKIM signatures each letter carries, as configured. */
    String signatures() {
        return mail.dkim().algorithms().stream().map(a -> a == MailProperties.DkimAlgorithm.RSA_SHA256 ? "RSA-2048" : "Ed25519")
                .collect(java.util.stream.Collectors.joining(" + "));
    }

    // --- (a) throughput -----------------------------------------------------------------------

    /**
     * A warm-up round through both first, so that neither pays for the JIT compiling its code; then
     * {@code bench.rounds} timed rounds of each, alternating, and the median round of each side is
     * reported: a single round of either side varied by ±15% from run to run on two shared cores.
     */
    void throughput(List<Citizen> citizens, List<Citizen> warmUp) throws Exception {
        dispatcher.stop();
        rawBaseline(caught(pipeline(warmUp).events()));

        List<Pipeline> pipelines = new ArrayList<>();
        List<Round> baselines = new ArrayList<>();
        List<JakartaLoop.Caught> letters = List.of();
        for (int round = 0; round < ROUNDS; round++) {
            emptyCatcher();
            Pipeline measured = pipeline(citizens);
            pipelines.add(measured);
            letters = caught(measured.events());
            emptyCatcher();
            CpuTime before = CpuTime.now(db);
            double rawRate = rawBaseline(letters);
            baselines.add(new Round(rawRate, CpuTime.now(db).minus(before)));
        }
        Pipeline pipeline = pipelines.stream().sorted(Comparator.comparingDouble(Pipeline::rate)).toList().get(ROUNDS / 2);
        Round raw = baselines.stream().sorted(Comparator.comparingDouble(Round::rate)).toList().get(ROUNDS / 2);
        int workers = notify.workers();
        table("E-mails rendered, DKIM-signed (" + signatures() + ") and accepted by the local SMTP server, "
                        + String.format("%,d", citizens.size())
                        + " letters (about " + averageSize(letters) / 1024 + " KB), " + workers + " workers, SMTP pool "
                        + mail.smtp().poolSize() + (ROUNDS == 1 ? ", one round" : ", median of " + ROUNDS + " rounds"),
                List.of("", "rate", "CPU/letter", "of it PG", "rounds", "target"),
                List.of(List.of("pipeline: dispatcher → stamp, DKIM, SMTP", perSecond(pipeline.rate()),
                                pipeline.cpu().each(citizens.size()), pipeline.cpu().postgresEach(citizens.size()),
                                range(pipelines.stream().map(Pipeline::rate).toList()), "≥ 1,000/s"),
                        List.of("Jakarta Mail loop, unsigned (baseline)", perSecond(raw.rate()), raw.cpu().each(letters.size()),
                                raw.cpu().postgresEach(letters.size()), range(baselines.stream().map(Round::rate).toList()), ""),
                        List.of("ratio pipeline / baseline", String.format("%.2f", pipeline.rate() / raw.rate()), "", "", "", "≥ 0.5"),
                        List.of("(events raised beforehand, " + RAISERS + " threads)", perSecond(pipeline.raiseRate()), "", "", "",
                                "")));
    }

    /** One timed round of the baseline: letters a second and the CPU it took. */
    record Round(double rate, CpuTime cpu) {
    }

    /** The lowest and highest rate of the rounds, e.g. "1,620–1,780". */
    static String range(List<Double> rates) {
        return String.format("%,.0f–%,.0f", Collections.min(rates), Collections.max(rates));
    }

    /** What one round through the pipeline took: its events, letters a second, CPU, and how fast the events were raised. */
    record Pipeline(List<UUID> events, double rate, CpuTime cpu, double raiseRate) {
    }

    /**
     * Each timed round starts with an empty catcher and a collected heap: the catcher keeps every
     * letter in memory, and the round that came later would otherwise pay for the collector
     * tracing all the letters of the rounds before it.
     */
    void emptyCatcher() {
        catcher.purge();
        System.gc();
    }

    /** Raises an event for each citizen while the dispatcher is stopped, then times it from its start until all are sent. */
    Pipeline pipeline(List<Citizen> citizens) throws Exception {
        List<UUID> events = new ArrayList<>(Collections.nCopies(citizens.size(), (UUID) null));
        long raising = System.nanoTime();
        inParallel(RAISERS, citizens.size(), i -> events.set(i, raise(citizens.get(i), i)));
        double raiseRate = citizens.size() / seconds(raising);

        CpuTime before = CpuTime.now(db);
        java.time.Instant started = java.time.Instant.now();
        dispatcher.start();
        awaitNothingDue();
        CpuTime cpu = CpuTime.now(db).minus(before);
        // Timed to the last outcome written, not to the poll that noticed it (up to 100 ms later).
        java.time.Instant finished = db.sql("SELECT max(updated_at) FROM notify.notifications WHERE event_id = ANY(:events)")
                .param("events", events.toArray(UUID[]::new)).query(java.time.OffsetDateTime.class).single().toInstant();
        double rate = citizens.size() / (java.time.Duration.between(started, finished).toNanos() / 1e9);
        dispatcher.stop();
        requireDelivered(events);
        return new Pipeline(events, rate, cpu, raiseRate);
    }

    /** The same letters as the catcher received them, sent unsigned by a plain Jakarta Mail loop. */
    double rawBaseline(List<JakartaLoop.Caught> letters) throws Exception {
        return JakartaLoop.send(letters, notify.workers(), catcher.host(), catcher.smtpPort(),
                new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
    }

    List<JakartaLoop.Caught> caught(List<UUID> events) throws Exception {
        Map<UUID, UUID> notices = emailNotices(events);
        List<JakartaLoop.Caught> letters = new ArrayList<>(events.size());
        for (MimeMessage letter : catcher.letters()) {
            UUID notice = notificationOf(letter);
            if (notice == null || !notices.containsKey(notice)) {
                continue;
            }
            letters.add(JakartaLoop.Caught.of(letter));
        }
        if (letters.size() != events.size()) {
            throw new IllegalStateException("the catcher holds " + letters.size() + " of " + events.size() + " letters");
        }
        return letters;
    }

    static int averageSize(List<JakartaLoop.Caught> letters) {
        return (int) letters.stream().mapToInt(JakartaLoop.Caught::size).average().orElse(0);
    }

    // --- (b) latency --------------------------------------------------------------------------

    void latency(List<Citizen> citizens) throws Exception {
        dispatcher.start();
        int total = RATE * SECONDS;
        Map<UUID, Instant> raisedAt = new ConcurrentHashMap<>();
        long periodNanos = 1_000_000_000L * RAISERS / RATE;
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime() + 50_000_000L;
        long[] finished = new long[RAISERS];
        ExecutorService pool = Executors.newFixedThreadPool(RAISERS);
        List<Future<?>> done = new ArrayList<>();
        for (int r = 0; r < RAISERS; r++) {
            int raiser = r;
            done.add(pool.submit(() -> {
                // Open loop: each raiser keeps its own schedule, and one that falls behind catches up without waiting.
                long due = started + periodNanos * raiser / RAISERS;
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement(), due += periodNanos) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    Instant at = Instant.now();
                    raisedAt.put(raise(citizens.get(i % citizens.size()), LETTERS + i), at);
                }
                finished[raiser] = System.nanoTime();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long last = Arrays.stream(finished).max().orElseThrow();
        double achieved = total / ((last - started) / 1e9);
        awaitNothingDue();
        List<UUID> events = new ArrayList<>(raisedAt.keySet());
        requireDelivered(events);

        Map<UUID, UUID> notices = emailNotices(events);
        List<Long> millis = new ArrayList<>(total);
        long firstRaised = raisedAt.values().stream().mapToLong(Instant::toEpochMilli).min().orElseThrow();
        long lastStored = firstRaised;
        for (MimeMessage letter : catcher.letters()) {
            UUID notice = notificationOf(letter);
            UUID event = notice == null ? null : notices.get(notice);
            if (event != null) {
                long stored = letter.getReceivedDate().getTime();
                millis.add(stored - raisedAt.get(event).toEpochMilli());
                lastStored = Math.max(lastStored, stored);
            }
        }
        Collections.sort(millis);
        double sent = millis.size() / ((lastStored - firstRaised) / 1e3);
        table("Event-to-SMTP latency at " + RATE + " events/s for " + SECONDS + " s, " + RAISERS + " raising threads, "
                        + notify.workers() + " workers, " + signatures(),
                List.of("", "p50", "p95", "p99", "target"),
                List.of(List.of("raise() called → letter stored by SMTP", ms(millis, 0.50), ms(millis, 0.95), ms(millis, 0.99),
                                "p95 ≤ 1 s"),
                        List.of("events raised (" + String.format("%,d", millis.size()) + ")", perSecond(achieved), "", "",
                                RATE + "/s"),
                        List.of("letters stored, first raise to last letter", perSecond(sent), "", "", "")));
    }

    // --- helpers ------------------------------------------------------------------------------

    /** Citizens with a confirmed main address (one of {@link #MAILBOXES}), copied straight into the accounts and addresses tables. */
    List<Citizen> seedCitizens(int count) throws Exception {
        List<Citizen> all = new ArrayList<>(count);
        StringBuilder accounts = new StringBuilder();
        StringBuilder addresses = new StringBuilder();
        String hash = passwords.encode(TestCitizens.PASSWORD);
        long base = ThreadLocalRandom.current().nextLong(100_000_000L, 800_000_000L);
        for (int i = 0; i < count; i++) {
            String body = String.format("%09d", base + i);
            String snils = body + TestCitizens.snilsCheck(body);
            Citizen citizen = new Citizen(UUID.randomUUID(), "c" + base + "-" + (i % MAILBOXES) + "@example.ru");
            all.add(citizen);
            accounts.append(citizen.account()).append('\t').append("+7900").append(String.format("%07d", (base + i) % 10_000_000))
                    .append('\t').append(snils).append("\tИванов\tИван\t1980-01-01\t4506\t123456\tг. Москва\tACTIVE\t")
                    .append(hash).append("\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\n");
            addresses.append(UUID.randomUUID()).append('\t').append(citizen.account()).append("\tPRIMARY\t").append(citizen.address())
                    .append("\tCONFIRMED\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\n");
        }
        copyIn("COPY identity.accounts (id, phone, snils, surname, given_name, birth_date, passport_series, "
                + "passport_number, address, state, password_hash, password_changed_at, agreement_accepted_at, created_at) "
                + "FROM STDIN", accounts.toString());
        copyIn("COPY contacts.email_addresses (id, account_id, kind, address, status, created_at, confirmed_at) FROM STDIN",
                addresses.toString());
        db.sql("ANALYZE identity.accounts").update();
        db.sql("ANALYZE contacts.email_addresses").update();
        return all;
    }

    UUID raise(Citizen citizen, int n) {
        UUID id = UUID.randomUUID();
        notifications.raise(new NewEvent(id, citizen.account(), TYPE, Map.of("applicationNumber", String.format("%010d", n),
                "serviceName", "Выдача паспорта гражданина Российской Федерации", "status", "Услуга оказана",
                "date", "2026-11-20"), "bench", null, agency));
        return id;
    }

    /** Waits until no notification is left to send: claimed, due or waiting for a retry. */
    void awaitNothingDue() throws InterruptedException {
        // Not too often: the partial index the poll reads fills with entries of rows just sent, which
        // the poll has to step over until a vacuum, so each look costs the server a millisecond or two
        // — time that would be counted as the pipeline's.
        while (db.sql("SELECT EXISTS (SELECT 1 FROM notify.notifications WHERE status IN ('created', 'sending', 'temporary-failure'))")
                .query(Boolean.class).single()) {
            Thread.sleep(100);
        }
    }

    void requireDelivered(List<UUID> events) {
        Map<String, Long> statuses = new HashMap<>();
        db.sql("SELECT status, count(*) AS n FROM notify.notifications WHERE event_id = ANY(:events) AND channel = 'EMAIL' "
                        + "GROUP BY status")
                .param("events", events.toArray(UUID[]::new))
                .query(rs -> {
                    statuses.put(rs.getString("status"), rs.getLong("n"));
                });
        if (statuses.size() != 1 || statuses.getOrDefault("delivered", 0L) != events.size()) {
            throw new IllegalStateException("not every e-mail was delivered: " + statuses + " of " + events.size());
        }
    }

    /** Notification id → event id of the events' e-mail notifications. */
    Map<UUID, UUID> emailNotices(List<UUID> events) {
        Map<UUID, UUID> notices = new HashMap<>();
        db.sql("SELECT id, event_id FROM notify.notifications WHERE event_id = ANY(:events) AND channel = 'EMAIL'")
                .param("events", events.toArray(UUID[]::new))
                .query(rs -> {
                    notices.put(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class));
                });
        return notices;
    }

    /** The notification a letter carries in its Message-ID, {@code <ntf-<id>.attempt-<n>@domain>}; null for other letters. */
    static UUID notificationOf(MimeMessage letter) throws Exception {
        String id = letter.getMessageID();
        if (id == null || !id.startsWith("<ntf-")) {
            return null;
        }
        return UUID.fromString(id.substring(5, id.indexOf(".attempt-")));
    }

    interface Step {
        void run(int i) throws Exception;
    }

    static void inParallel(int threads, int count, Step step) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    step.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    void copyIn(String sql, String rows) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql,
                    new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)));
        }
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static String perSecond(double rate) {
        return String.format("%,.0f/s", rate);
    }

    static String ms(List<Long> sorted, double q) {
        return sorted.isEmpty() ? "-" : String.format("%,d ms", sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * q))));
    }

    static void table(String title, List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("\n== ").append(title).append(" ==\n");
        for (List<String> row : concat(header, rows)) {
            out.append(String.format("%-44s", row.getFirst()));
            row.subList(1, row.size()).forEach(cell -> out.append(String.format(" %12s", cell)));
            out.append('\n');
        }
        System.out.println(out);
    }

    static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
