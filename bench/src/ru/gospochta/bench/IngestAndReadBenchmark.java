package ru.gospochta.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.IntegrationTest;
import ru.gospochta.gateway.CredentialKind;
import ru.gospochta.gateway.internal.Agency;
import ru.gospochta.gateway.internal.AgencyDetails;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.AgencySystem;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.gateway.internal.Scope;
import ru.gospochta.identity.TestCitizens;
import ru.gospochta.identity.internal.account.Accounts;

/**
 * Issue #5's benchmark, printed as tables:
 * (a) ingest through the batch API — 100,000 messages of about 1 KB, 10% with a 100 KB PDF, to
 * 100,000 citizens, after an untimed warm-up of 100,000 through another system — against a raw
 * baseline in the same run: COPY of the very rows the API wrote into the same tables. The warm-up
 * is as long as the timed part because the JIT is not done sooner: after 20,000 the server
 * compiled another thousand methods with C2 during the timed 100,000, an eighth of the two
 * cores, which a server up for a day does not pay;
 * (b) latency of the inbox page and of search with 1,000,000 stored messages and 50 concurrent
 * readers, against the same queries sent straight over JDBC, under two loads ({@link ReadLoad}):
 * saturation, each reader calling again at once (the server's capacity at full load, pages a
 * second and the CPU a page costs), then the load the targets speak of, each reader reading a page
 * for a think time (exponential, mean 1 s, seeded) before the next, about 50 pages a second. Both
 * follow a warm-up of both pages at full load ({@code bench.warmUp} seconds, 60 by default).
 * Sizes come from system properties ({@code -Dbench.citizens}, {@code -Dbench.messages},
 * {@code -Dbench.stored}, {@code -Dbench.readers}, {@code -Dbench.seconds}, {@code -Dbench.textWait},
 * {@code -Dbench.warmUp}, {@code -Dbench.ingestWarmUp}, {@code -Dbench.thinkMillis}, {@code -Dbench.seed},
 * {@code -Dbench.senders} — concurrent ingest calls, 4 by default)
 * for a quick run; {@code -Dbench.slowMillis=N} lists every call slower than N ms with its time,
 * to tell a slow page from a moment when everything was slow.
 */
@IntegrationTest
@TestPropertySource(properties = {"gospochta.gateway.limits.requests-per-second=1000000",
        "gospochta.gateway.limits.messages-per-day=1000000000", "logging.level.ru.gospochta=WARN"})
class IngestAndReadBenchmark {

    static final int CITIZENS = Integer.getInteger("bench.citizens", 100_000);
    static final int MESSAGES = Integer.getInteger("bench.messages", 100_000);
    static final int STORED = Integer.getInteger("bench.stored", 1_000_000);
    static final int READERS = Integer.getInteger("bench.readers", 50);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int TEXT_WAIT = Integer.getInteger("bench.textWait", 120);
    static final int THINK_MILLIS = Integer.getInteger("bench.thinkMillis", 1000);
    static final int WARM_UP = Integer.getInteger("bench.warmUp", 60);
    static final int INGEST_WARM_UP = Integer.getInteger("bench.ingestWarmUp", 100_000);
    /**
     * {@code identifiers} (the default): pages of text lines each ending in a random UUID, ~8,000
     * distinct search terms — a worst case for the search index; {@code letter}: a three-page
     * decision in Russian in an embedded font, with a scanned stamp as a JPEG making up the size.
     */
    static final String PDF = System.getProperty("bench.pdf", "identifiers");
    static final long SEED = Long.getLong("bench.seed", 5);
    static final int BATCH = 1000;
    static final int SENDERS = Integer.getInteger("bench.senders", 4);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient db;
    @Autowired AgencyRegistry registry;
    @Autowired CredentialIssuing issuing;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    CopyBaseline copies;

    @Test
    void run() throws Exception {
        copies = new CopyBaseline(dataSource, db);
        Statements.printDurability(db);
        List<String> all = seedCitizens(CITIZENS + INGEST_WARM_UP);
        List<String> snils = all.subList(0, CITIZENS);
        Agency agency = agency();
        CredentialIssuing.Issued key = key(agency, "Нагрузочная система");
        String token = token(key);
        UUID system = key.credential().credential().systemId();
        warmUp(agency, all.subList(CITIZENS, all.size()));

        Map<String, Long> insertedBefore = copies.inserted();
        Statements.reset(db);
        Statements.Wal walBefore = Statements.Wal.now(db);
        CpuTime cpuBefore = CpuTime.now(db);
        long started = System.nanoTime();
        double apiRate = ingest(token, snils, MESSAGES);
        CpuTime cpu = CpuTime.now(db).minus(cpuBefore);
        System.out.println(Statements.Wal.now(db).since(walBefore, MESSAGES, "message during the ingest (background work included)"));
        Statements.print(db, "Statements of the ingest, background work included");
        double textRate = awaitAttachmentText(started, system);
        copies.printRowsWritten(insertedBefore, MESSAGES);
        double copyRate = copies.rate(system, MESSAGES);
        table(String.format("Ingest, %,d messages (10%% with a 100 KB PDF: %s), %d senders, after %,d untimed through another system",
                        MESSAGES, PDF, SENDERS, INGEST_WARM_UP),
                List.of(List.of("batch API (JSON, 1,000 a call)", String.format("%,.0f messages/s  (CPU %s a message, of it PG %s)",
                                apiRate, cpu.each(MESSAGES), cpu.postgresEach(MESSAGES))),
                        row("COPY of the same rows (baseline)", copyRate),
                        List.of("ratio API / COPY", String.format("%.2f", apiRate / copyRate)),
                        List.of("PDF text searchable, from first call", String.format("%,.0f PDFs/s", textRate))));

        fillTo(STORED);
        settle();
        read();
    }

    /**
     * The aftermath of loading a million rows, not of reading, is left out of the reading figures:
     * the table is vacuumed and analysed now rather than by autovacuum in the middle of a
     * measurement, the notices the ingest announced are all dispatched, and this JVM's collector
     * clears the gigabyte of copied rows the COPY baseline held.
     */
    void settle() throws InterruptedException {
        db.sql("VACUUM ANALYZE mailbox.messages").update();
        db.sql("VACUUM ANALYZE mailbox.attachments").update();
        awaitNotificationsSent();
        System.gc();
    }

    void awaitNotificationsSent() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < until && db.sql("SELECT EXISTS (SELECT 1 FROM notify.notifications "
                + "WHERE status IN ('created', 'sending', 'temporary-failure'))").query(Boolean.class).single()) {
            Thread.sleep(500);
        }
    }

    // --- (a) ingest ---------------------------------------------------------------------------

    List<String> seedCitizens(int citizens) throws Exception {
        List<String> all = new ArrayList<>(citizens);
        StringBuilder rows = new StringBuilder();
        String hash = passwords.encode(TestCitizens.PASSWORD);
        long base = ThreadLocalRandom.current().nextLong(100_000_000L, 800_000_000L);
        for (int i = 0; i < citizens; i++) {
            String body = String.format("%09d", base + i);
            String snils = body + TestCitizens.snilsCheck(body);
            all.add(snils);
            rows.append(UUID.randomUUID()).append('\t').append("+7900").append(String.format("%07d", (base + i) % 10_000_000))
                    .append('\t').append(snils).append("\tИванов\tИван\t1980-01-01\t4506\t123456\tг. Москва\tACTIVE\t")
                    .append(hash).append("\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\n");
        }
        copies.copyIn("COPY identity.accounts (id, phone, snils, surname, given_name, birth_date, passport_series, "
                + "passport_number, address, state, password_hash, password_changed_at, agreement_accepted_at, created_at) "
                + "FROM STDIN", rows.toString().getBytes(StandardCharsets.UTF_8));
        db.sql("ANALYZE identity.accounts").update();
        return all;
    }

    Agency agency() {
        return registry.register(AgencyDetails.parse("Федеральная служба (нагрузка): полное наименование",
                "ФС нагрузка", "1047707030513", "7707329152"), "staff:bench", null);
    }

    CredentialIssuing.Issued key(Agency agency, String systemName) {
        AgencySystem system = registry.addSystem(agency.id(), systemName, "staff:bench", null);
        return issuing.issue(agency.id(), system.id(), CredentialKind.LIVE, EnumSet.allOf(Scope.class), "staff:bench", null);
    }

    /**
     * The same kind of ingest, untimed, through a system of its own to citizens of their own (so none
     * of it is in the baseline's rows and every timed message still opens a new mailbox): a freshly
     * started server would otherwise spend the first tens of seconds compiling, a fifth of the two
     * cores. Its notices are sent and its files' text left unread before the timed ingest starts.
     */
    void warmUp(Agency agency, List<String> citizens) throws Exception {
        if (citizens.isEmpty()) {
            return;
        }
        CredentialIssuing.Issued key = key(agency, "Прогрев");
        ingest(token(key), citizens, citizens.size());
        db.sql("""
                UPDATE mailbox.attachments SET text_pending = false
                WHERE text_pending AND message_id IN (SELECT id FROM gateway.messages WHERE system_id = :system)""")
                .param("system", key.credential().credential().systemId()).update();
        awaitNotificationsSent();
        System.gc();
    }

    String token(CredentialIssuing.Issued key) throws Exception {
        String credentials = key.credential().credential().clientId() + ":" + key.secret();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).get("access_token").asString();
    }

    double ingest(String token, List<String> snils, int messages) throws Exception {
        String pdf = Base64.getEncoder().encodeToString(PDF.equals("letter") ? BenchPdfs.letter(100_000, SEED) : PdfTextBenchmark.latin(100_000));
        String text = "Уведомляем, что ваше заявление о предоставлении государственной услуги рассмотрено. ".repeat(10);
        // Encoded once here, so the senders (on the same two cores as the server) do no more than send.
        List<byte[]> batches = new ArrayList<>();
        for (int start = 0; start < messages; start += BATCH) {
            StringBuilder body = new StringBuilder("{\"messages\": [");
            for (int i = start; i < Math.min(messages, start + BATCH); i++) {
                if (i > start) {
                    body.append(',');
                }
                body.append("{\"recipient\": {\"snils\": \"").append(snils.get(i % snils.size()))
                        .append("\"}, \"category\": \"application-status\", \"subject\": \"Решение по заявлению № ").append(i)
                        .append("\", \"body\": {\"text\": \"").append(text).append("\"}");
                if (i % 10 == 0) {
                    body.append(", \"attachments\": [{\"fileName\": \"Решение.pdf\", \"content\": \"").append(pdf).append("\"}]");
                }
                body.append('}');
            }
            batches.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        // For lining up an outside profiler's samples with the sending (the encoding above takes seconds).
        System.out.printf("Sending %,d messages from %s%n", messages, java.time.Instant.now());
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            done.add(senders.submit(() -> {
                for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/messages/batch"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(batches.get(b))).build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 202) {
                        throw new IllegalStateException("batch refused: " + answer.statusCode() + " " + answer.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        senders.shutdown();
        return messages / seconds(started);
    }

    /**
     * Attachments' text is read after delivery; how fast it catches up, counted from the start of the
     * ingest, waiting at most {@code bench.textWait} seconds. What is left then is dropped from the
     * queue, so the reading step measures pages and search rather than a backlog of PDFs.
     */
    double awaitAttachmentText(long started, UUID system) throws InterruptedException {
        long files = db.sql("SELECT count(*) FROM mailbox.attachments WHERE message_id IN "
                + "(SELECT id FROM gateway.messages WHERE system_id = :system)").param("system", system).query(Long.class).single();
        long until = System.nanoTime() + Duration.ofSeconds(TEXT_WAIT).toNanos();
        long pending = files;
        while (pending > 0 && System.nanoTime() < until) {
            Thread.sleep(200);
            pending = db.sql("SELECT count(*) FROM mailbox.attachments WHERE text_pending").query(Long.class).single();
        }
        double rate = (files - pending) / seconds(started);
        if (pending > 0) {
            System.out.printf("%nAttachment text: %,d of %,d files still waiting after %d s; left out of the rest of the run.%n",
                    pending, files, TEXT_WAIT);
            db.sql("UPDATE mailbox.attachments SET text_pending = false WHERE text_pending").update();
        }
        return rate;
    }

    /** Copies stored messages under new ids, older by a day a round, until the mailbox tables hold {@code target}. */
    void fillTo(int target) {
        String columns = String.join(", ", copies.columns("mailbox.messages"));
        String select = java.util.Arrays.stream(columns.split(", ")).map(c -> switch (c) {
            case "id" -> "gen_random_uuid()";
            case "delivered_at" -> "delivered_at - make_interval(days => :round)";
            case "attachment_count" -> "0";
            default -> c;
        }).collect(Collectors.joining(", "));
        int round = 1;
        for (long have = count(); have < target; have = count(), round++) {
            db.sql("INSERT INTO mailbox.messages (" + columns + ") SELECT " + select + " FROM mailbox.messages "
                    + "WHERE direction = 'INCOMING' LIMIT :n").param("round", round).param("n", target - have).update();
        }
        db.sql("ANALYZE mailbox.messages").update();
    }

    long count() {
        return db.sql("SELECT count(*) FROM mailbox.messages").query(Long.class).single();
    }

    void read() throws Exception {
        List<UUID> readers = db.sql("SELECT account FROM mailbox.messages GROUP BY account ORDER BY count(*) DESC LIMIT 500")
                .query(UUID.class).list();
        List<String> cookies = new ArrayList<>();
        for (UUID account : readers) {
            String id = TestCitizens.session(accounts.byId(account).orElseThrow(), sessions);
            cookies.add("GOSPOCHTA_SESSION=" + Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8)));
        }
        ReadLoad.Call inboxPage = page(cookies, "/cabinet/mailbox");
        ReadLoad.Call searchPage = page(cookies, "/cabinet/mailbox/history?q="
                + java.net.URLEncoder.encode("заявления", StandardCharsets.UTF_8));
        String inboxSql = """
                SELECT id, agency_name, subject, delivered_at, read_at, flagged, attachment_count FROM mailbox.messages
                WHERE account = ? AND folder_id = '00000000-0000-0000-0000-000000000001'
                ORDER BY delivered_at DESC, id DESC LIMIT 20""";
        String searchSql = """
                SELECT id, agency_name, subject, delivered_at FROM mailbox.messages
                WHERE account = ? AND search @@ websearch_to_tsquery('russian', 'заявления')
                ORDER BY delivered_at DESC, id DESC LIMIT 20""";
        Duration length = Duration.ofSeconds(SECONDS);
        // A server that has just started runs much of a page interpreted while the JIT compiles it,
        // on two shared cores for minutes: several times the CPU of a warm page. Both pages are
        // served for a while first, as they would have been long before any hour that counts.
        ReadLoad warmUp = ReadLoad.saturating(READERS, Duration.ofSeconds(WARM_UP).dividedBy(2));
        warmUp.run(inboxPage);
        warmUp.run(searchPage);
        for (ReadLoad load : List.of(ReadLoad.saturating(READERS, length),
                ReadLoad.thinking(READERS, length, Duration.ofMillis(THINK_MILLIS), SEED))) {
            CpuTime before = CpuTime.now(db);
            ReadLoad.Result inbox = load.run(inboxPage);
            CpuTime inboxCpu = CpuTime.now(db).minus(before);
            ReadLoad.Result rawInbox = measureSql(load, readers, inboxSql);
            before = CpuTime.now(db);
            ReadLoad.Result search = load.run(searchPage);
            CpuTime searchCpu = CpuTime.now(db).minus(before);
            ReadLoad.Result rawSearch = measureSql(load, readers, searchSql);
            table("Reading, " + count() + " stored messages, " + READERS + " concurrent readers, " + load.name() + ", "
                    + SECONDS + " s each", List.of(
                            ReadLoad.latency("inbox page over HTTP", inbox, inboxCpu), ReadLoad.latency("inbox query over JDBC (baseline)", rawInbox, null),
                            ReadLoad.latency("search page over HTTP", search, searchCpu), ReadLoad.latency("search query over JDBC (baseline)", rawSearch, null),
                            List.of("ratio p99 inbox HTTP / JDBC", ReadLoad.ratio(inbox.sorted(), rawInbox.sorted(), 0.99), "", ""),
                            List.of("ratio p95 search HTTP / JDBC", ReadLoad.ratio(search.sorted(), rawSearch.sorted(), 0.95), "", "")));
        }
    }

    ReadLoad.Call page(List<String> cookies, String path) {
        return () -> {
            String cookie = cookies.get(ThreadLocalRandom.current().nextInt(cookies.size()));
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Cookie", cookie)
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode());
            }
        };
    }

    /** The same queries straight over JDBC, each reader on a connection of its own outside the application's pool. */
    ReadLoad.Result measureSql(ReadLoad load, List<UUID> readers, String sql) throws Exception {
        String url = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
        String user = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getUsername();
        String password = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getPassword();
        // Opened before the clock starts, as the application's pool is: opening 50 at the first calls
        // put 50 backend starts into the baseline's tail.
        List<Connection> opened = new ArrayList<>();
        for (int r = 0; r < load.readers(); r++) {
            opened.add(java.sql.DriverManager.getConnection(url, user, password));
        }
        java.util.Queue<Connection> free = new java.util.concurrent.ConcurrentLinkedQueue<>(opened);
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(free::remove);
        try {
            return load.run(() -> {
                try (var statement = connections.get().prepareStatement(sql)) {
                    statement.setObject(1, readers.get(ThreadLocalRandom.current().nextInt(readers.size())));
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            rows.getString(2);
                        }
                    }
                }
            });
        } finally {
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    String base() {
        return "http://127.0.0.1:" + port;
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static List<String> row(String what, double perSecond) {
        return List.of(what, String.format("%,.0f messages/s", perSecond));
    }

    static void table(String title, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("\n== ").append(title).append(" ==\n");
        if (rows.getFirst().size() == 4) {
            out.append(String.format("%-40s %12s %12s %12s%n", "", "p50", "p95", "p99"));
        }
        for (List<String> row : rows) {
            out.append(String.format("%-40s", row.getFirst()));
            row.subList(1, row.size()).forEach(cell -> out.append(String.format(" %12s", cell)));
            out.append('\n');
        }
        System.out.println(out);
    }
}
