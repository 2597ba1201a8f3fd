package ru.gospochta.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * An agency system's callback receiver as a test plays it: a real HTTP server on 127.0.0.1 that
 * keeps every request, answers with the status codes it is told in turn (then 200), and can be
 * told to keep a request waiting. It verifies signatures the way the README tells receivers to.
 */
final class ReceivingSystem implements AutoCloseable {

    static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    /** One request as it arrived; header names in lower case. */
    record Received(String method, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            return TokenClient.JSON.readTree(body);
        }

        /** Whether {@code Gospochta-Signature} is HMAC-SHA256 of {@code "<t>.<body>"} keyed with the secret. */
        boolean signedWith(String secret) {
            Matcher m = SIGNATURE.matcher(String.valueOf(header("Gospochta-Signature")));
            if (!m.matches()) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
                byte[] expected = mac.doFinal((m.group(1) + "." + body).getBytes(StandardCharsets.UTF_8));
                return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(m.group(2)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        long signedAt() {
            Matcher m = SIGNATURE.matcher(String.valueOf(header("Gospochta-Signature")));
            if (!m.matches()) {
                throw new AssertionError("no signature: " + headers);
            }
            return Long.parseLong(m.group(1));
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private volatile Duration hang = Duration.ZERO;
    private final CountDownLatch closing = new CountDownLatch(1);

    private ReceivingSystem() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/callbacks", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static ReceivingSystem start() {
        return new ReceivingSystem();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks";
    }

    /** The next requests are answered with these codes, one each; after them, 200. */
    void answer(int... codes) {
        for (int code : codes) {
            answers.add(code);
        }
    }

    /** Requests are kept waiting this long before they are answered. */
    void hangFor(Duration duration) {
        hang = duration;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            received.add(new Received(exchange.getRequestMethod(), headers, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            if (!hang.isZero()) {
                // The receiver stalls; the portal has to give up on its own.
                closing.await(hang.toMillis(), TimeUnit.MILLISECONDS);
            }
            Integer code = answers.poll();
            exchange.sendResponseHeaders(code == null ? 200 : code, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
