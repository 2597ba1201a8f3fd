package ru.gospochta.gateway.internal.callbacks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts callbacks to agency systems (GW-3): the payload as it was queued, signed at the moment of
 * sending, with the callback's id for the receiver to recognise a repeat. Requests of a batch run
 * side by side, so one slow receiver delays the others by no more than the timeout.
 */
@Component
class CallbackSender {

    static final String REMOVED = "callback-removed";
    private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);

    /** A request under way, or one refused before it left, with the time it started. */
    record Sending(Claimed callback, Instant startedAt, long startNanos,
            @Nullable CompletableFuture<HttpResponse<Void>> response, @Nullable String refusal) {
    }

    private final CallbackSecrets secrets;
    private final CallbackProperties properties;
    private final Clock clock;
    private final HttpClient http;

    CallbackSender(CallbackSecrets secrets, CallbackProperties properties, Clock clock) {
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
        // Redirects are not followed: a receiver could otherwise send the portal on to an internal address.
        // HTTP/1.1 is what every receiver speaks; it spares a plain-http one the h2c upgrade dance.
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Starts the attempt; never throws: whatever goes wrong becomes the attempt's error. */
    Sending start(Claimed c) {
        Instant started = clock.instant();
        long nanos = System.nanoTime();
        URI url = c.url();
        byte[] sealed = c.sealedSecret();
        if (url == null || sealed == null) {
            return new Sending(c, started, nanos, null, REMOVED);
        }
        try {
            String refusal = refusal(url);
            if (refusal != null) {
                return new Sending(c, started, nanos, null, refusal);
            }
            String signature = CallbackSignature.header(secrets.open(c.systemId(), sealed), started.getEpochSecond(),
                    c.payload());
            HttpRequest request = HttpRequest.newBuilder(url).timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Gospochta-Callbacks/1")
                    .header(CallbackSignature.HEADER, signature)
                    .header(CallbackSignature.ID_HEADER, c.id().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(c.payload()))
                    .build();
            return new Sending(c, started, nanos, http.sendAsync(request, HttpResponse.BodyHandlers.discarding()), null);
        } catch (RuntimeException e) {
            log.warn("Callback {} could not be sent to system {}", c.id(), c.systemId(), e);
            return new Sending(c, started, nanos, null, "internal-error");
        }
    }

    /**
     * Waits for the answer. The request's timeout bounds the wait for the answer's head; a receiver
     * that sends a head and then trickles its body is cut off at twice the timeout.
     */
    Attempt finish(Sending s) {
        CompletableFuture<HttpResponse<Void>> response = s.response();
        if (response == null) {
            return attempt(s, null, s.refusal());
        }
        long deadline = s.startNanos() + properties.timeout().multipliedBy(2).toNanos();
        try {
            int status = response.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).statusCode();
            return attempt(s, status, status / 100 == 2 ? null : "http-" + status);
        } catch (TimeoutException e) {
            response.cancel(true);
            return attempt(s, null, "timeout");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return attempt(s, null, "timeout");
            }
            if (cause instanceof IOException) {
                return attempt(s, null, "unreachable: " + cause.getClass().getSimpleName());
            }
            log.warn("Callback {} failed", s.callback().id(), cause);
            return attempt(s, null, "internal-error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.cancel(true);
            return attempt(s, null, "interrupted");
        }
    }

    /**
     * Why the address must not be posted to now, or {@code null}. The name is resolved here, so a
     * name an agency points at an internal address later is caught too; the client resolves it again
     * when it connects, so a name answering differently within that instant is not — the admin page
     * refuses internal literals, and these checks keep the portal from being an easy tool to probe with.
     */
    private @Nullable String refusal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return "invalid-url";
        }
        boolean local = properties.allowLocal();
        if (local && CallbackUrl.isLoopbackName(host)) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!CallbackUrl.isPublic(address) && !(local && address.isLoopbackAddress())) {
                    return "forbidden-address";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    private Attempt attempt(Sending s, @Nullable Integer status, @Nullable String error) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s.startNanos());
        return new Attempt(s.callback(), s.startedAt(), millis, status, error);
    }
}
