package ru.gospochta.notify.push;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A browser vendor's push service as the server meets it (RFC 8030), run by the test on a free
 * port: it takes a message only with a VAPID token (RFC 8292) signed by the key the server
 * publishes and addressed to this service's origin, decrypts the body with the key of the browser
 * the endpoint belongs to, and then answers as the test tells it to — 201 by default.
 */
final class TestPushService implements AutoCloseable {

    /** RFC 8030 §7.2: push services must take 4096 bytes; the big ones take no more. */
    private static final int MAX_BODY = 4096;
    private static final Pattern VAPID = Pattern.compile("vapid t=([^,\\s]+),\\s*k=([A-Za-z0-9_-]+)");

    /**
     * One message as it arrived.
     *
     * @param body the body as it arrived, encrypted
     * @param payload the decrypted body, or null when the service refused the message
     * @param problem why the service refused it, or null
     * @param busyConnections database connections in use while the server waited for this answer
     */
    record Received(String path, Headers headers, byte[] body, String payload, String problem, JWTClaimsSet claims, int busyConnections) {
    }

    private record Answer(int status, String[] headers, boolean hang) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final String publishedKey;
    private final IntSupplier busyConnections;
    private final Map<String, TestBrowser> browsers = new ConcurrentHashMap<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Answer answer = new Answer(201, new String[0], false);

    /**
     * @param publishedKey the server's VAPID public key as its page publishes it (base64url)
     * @param busyConnections how many database connections the server is using right now
     */
    TestPushService(String publishedKey, IntSupplier busyConnections) throws IOException {
        this.publishedKey = publishedKey;
        this.busyConnections = busyConnections;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/push/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new endpoint for this browser, as the service hands one out on subscription. */
    String endpointFor(TestBrowser browser) {
        String path = "/push/" + UUID.randomUUID();
        browsers.put(path, browser);
        return origin() + path;
    }

    /** The answer to every message from now on, e.g. {@code answer(429, "Retry-After", "120")}. */
    void answer(int status, String... headers) {
        answer = new Answer(status, headers, false);
    }

    /** Never answers (until the test ends), as a push service that hangs. */
    void hang() {
        answer = new Answer(0, new String[0], true);
    }

    Received next() throws InterruptedException {
        Received message = received.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message reached the push service");
        }
        return message;
    }

    /**
     * The fewest connections in use over 20 ms of this answer: a sender holding one while it waits
     * would hold it throughout, while a background worker of the same server may take one for a
     * moment, which a single reading would blame on the sender.
     */
    private int fewestBusyConnections() {
        int fewest = busyConnections.getAsInt();
        long until = System.nanoTime() + 20_000_000L;
        while (fewest > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
            fewest = Math.min(fewest, busyConnections.getAsInt());
        }
        return fewest;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int busy = fewestBusyConnections();
            String path = exchange.getRequestURI().getPath();
            Headers headers = exchange.getRequestHeaders();
            Answer now = answer;
            JWTClaimsSet claims = null;
            String problem;
            String payload = null;
            try {
                claims = verifyVapid(headers.getFirst("Authorization"));
                problem = checkHeaders(headers);
                TestBrowser browser = browsers.get(path);
                if (problem == null && body.length > MAX_BODY) {
                    problem = "payload too large";
                }
                if (problem == null && browser == null) {
                    problem = "unknown endpoint";
                }
                if (problem == null) {
                    payload = new String(browser.decrypt(body), StandardCharsets.UTF_8);
                }
            } catch (GeneralSecurityException | ParseException | JOSEException refused) {
                problem = refused.getMessage();
            }
            received.add(new Received(path, headers, body, payload, problem, claims, busy));
            if (problem != null) {
                exchange.sendResponseHeaders(claims == null ? 403 : body.length > MAX_BODY ? 413 : 400, -1);
                return;
            }
            if (now.hang()) {
                closing.await(30, TimeUnit.SECONDS);
                return;
            }
            for (int i = 0; i + 1 < now.headers().length; i += 2) {
                exchange.getResponseHeaders().add(now.headers()[i], now.headers()[i + 1]);
            }
            exchange.sendResponseHeaders(now.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** RFC 8292 §2-3: an ES256 JWT for this origin, expiring within 24 hours, with a contact; k the published key. */
    private JWTClaimsSet verifyVapid(String authorization) throws GeneralSecurityException, ParseException, JOSEException {
        Matcher vapid = VAPID.matcher(authorization == null ? "" : authorization);
        if (!vapid.matches()) {
            throw new GeneralSecurityException("no vapid authorization");
        }
        if (!vapid.group(2).equals(publishedKey)) {
            throw new GeneralSecurityException("k is not the published key");
        }
        SignedJWT jwt = SignedJWT.parse(vapid.group(1));
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                || !jwt.verify(new ECDSAVerifier(TestBrowser.publicKey(TestBrowser.UNBASE64URL.decode(publishedKey))))) {
            throw new GeneralSecurityException("the token is not signed by the published key");
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Instant now = Instant.now();
        Instant expires = claims.getExpirationTime() == null ? Instant.EPOCH : claims.getExpirationTime().toInstant();
        if (!List.of(origin()).equals(claims.getAudience())) {
            throw new GeneralSecurityException("aud is not this push service's origin: " + claims.getAudience());
        }
        if (!expires.isAfter(now) || expires.isAfter(now.plus(Duration.ofHours(24)))) {
            throw new GeneralSecurityException("exp is not within 24 hours: " + expires);
        }
        String subject = claims.getSubject();
        if (subject == null || !(subject.startsWith("mailto:") || subject.startsWith("https:"))) {
            throw new GeneralSecurityException("sub is no contact: " + subject);
        }
        return claims;
    }

    private static String checkHeaders(Headers headers) {
        if (!"aes128gcm".equals(headers.getFirst("Content-Encoding"))) {
            return "Content-Encoding is not aes128gcm";
        }
        String ttl = headers.getFirst("TTL");
        if (ttl == null || !ttl.matches("\\d+")) {
            return "no TTL";
        }
        return null;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
