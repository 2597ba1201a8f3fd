package ru.gospochta.notify.internal.push;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.notify.internal.push.PushResult.Delivered;
import ru.gospochta.notify.internal.push.PushResult.Gone;
import ru.gospochta.notify.internal.push.PushResult.PermanentFailure;
import ru.gospochta.notify.internal.push.PushResult.TemporaryFailure;

/**
 * Sends one push message to one browser (NTF-5): encrypted for the browser (RFC 8291), signed for
 * the push service (VAPID, RFC 8292) and posted to the subscription's endpoint (RFC 8030). The
 * answer decides the subscription's fate: a browser that is gone is forgotten, a delivery resets
 * its failure count. No database connection is held while the push service is being called.
 */
@Component
public class WebPushSender {

    private static final Logger log = LoggerFactory.getLogger(WebPushSender.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A push service that asks to wait longer than this is asked again after a day all the same. */
    private static final Duration LONGEST_WAIT = Duration.ofDays(1);

    private final VapidKeys vapid;
    private final PushSubscriptions subscriptions;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    WebPushSender(VapidKeys vapid, PushSubscriptions subscriptions, Clock clock, PushProperties properties) {
        this.vapid = vapid;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.timeout = properties.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Encrypts the message for the browser and posts it to its push service; waits for the answer
     * at most the configured timeout (5 seconds by default). A text too long for one push message
     * (about 4 KB) is shortened with «…».
     */
    public PushResult send(Subscription subscription, PushMessage message) {
        byte[] body;
        try {
            body = PushEncryption.encrypt(payload(message), subscription.p256dh(), subscription.auth());
        } catch (GeneralSecurityException unusableKey) {
            // Keys are checked when a browser subscribes; one that fails now was stored some other way.
            subscriptions.failed(subscription.id());
            return new PermanentFailure(0, "unusable-key");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(subscription.endpoint())
                .timeout(timeout)
                .header("Authorization", vapid.authorization(subscription.endpoint()))
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("TTL", Long.toString(message.ttl().toSeconds()))
                .header("Urgency", message.urgency().header())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (message.topic() != null) {
            request.header("Topic", message.topic());
        }
        if ("http".equalsIgnoreCase(subscription.endpoint().getScheme())) {
            // Only a local push service of development or tests speaks plain http; it needs no h2c upgrade.
            request.version(HttpClient.Version.HTTP_1_1);
        }
        PushResult result = post(request.build());
        updateSubscription(subscription, result);
        return result;
    }

    private PushResult post(HttpRequest request) {
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException slow) {
            return new TemporaryFailure(0, Duration.ZERO, "timeout");
        } catch (IOException unreachable) {
            return new TemporaryFailure(0, Duration.ZERO, "connection-failed");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new TemporaryFailure(0, Duration.ZERO, "interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Delivered(status);
        }
        return switch (status) {
            case 404, 410 -> new Gone(status);
            case 429 -> new TemporaryFailure(status, retryAfter(response), "rate-limited");
            case 400 -> new PermanentFailure(status, "bad-request");
            case 401, 403 -> new PermanentFailure(status, "vapid-refused");
            case 413 -> new PermanentFailure(status, "payload-too-large");
            default -> status >= 500
                    ? new TemporaryFailure(status, retryAfter(response), "service-error")
                    : new PermanentFailure(status, status < 400 ? "redirected" : "refused");
        };
    }

    private void updateSubscription(Subscription subscription, PushResult result) {
        switch (result) {
            case Delivered delivered -> subscriptions.delivered(subscription.id());
            case Gone gone -> subscriptions.delete(subscription.id());
            case TemporaryFailure failure -> subscriptions.failed(subscription.id());
            case PermanentFailure failure -> {
                subscriptions.failed(subscription.id());
                // The endpoint's path names the browser and is as good as a key; the service's origin is enough.
                log.warn("Push service {} refused a message with {} ({})", VapidKeys.origin(subscription.endpoint()),
                        failure.status(), failure.reason());
            }
        }
    }

    /** The wait a push service asks for: seconds or an HTTP date (RFC 9110 §10.2.3); zero when absent or unreadable. */
    private Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("").strip();
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        Duration wait;
        try {
            wait = value.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.between(clock.instant(),
                            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (NumberFormatException | DateTimeParseException unreadable) {
            return Duration.ZERO;
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** The JSON the service worker reads; the text is shortened until the whole fits into one record. */
    private static byte[] payload(PushMessage message) {
        byte[] whole = json(message, message.body());
        if (whole.length <= PushEncryption.MAX_PLAINTEXT) {
            return whole;
        }
        int[] codePoints = message.body().codePoints().toArray();
        int fits = 0;
        int tooLong = codePoints.length;
        while (tooLong - fits > 1) {
            int middle = (fits + tooLong) >>> 1;
            if (json(message, shortened(codePoints, middle)).length <= PushEncryption.MAX_PLAINTEXT) {
                fits = middle;
            } else {
                tooLong = middle;
            }
        }
        return json(message, shortened(codePoints, fits));
    }

    private static String shortened(int[] codePoints, int length) {
        return new String(codePoints, 0, length).stripTrailing() + "…";
    }

    private static byte[] json(PushMessage message, String body) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("title", message.title());
        payload.put("body", body);
        payload.put("url", message.url());
        if (message.topic() != null) {
            payload.put("tag", message.topic());
        }
        return JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
    }
}
