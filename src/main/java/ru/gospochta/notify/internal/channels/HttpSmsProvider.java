package ru.gospochta.notify.internal.channels;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.identity.CitizenSms;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.internal.NotifyProperties;
import ru.gospochta.notify.internal.delivery.Dispatch;
import ru.gospochta.notify.internal.delivery.Outcome;
import ru.gospochta.notify.internal.delivery.Provider;

/**
 * An SMS operator with an HTTP API ({@code gospochta.notify.sms[n]}): a JSON POST bounded by a
 * 5-second timeout. 2xx means the operator took the message; 4xx that it never will (a bad number);
 * 429, 5xx and silence that it may later.
 */
final class HttpSmsProvider implements Provider {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotifyProperties.HttpSms operator;
    private final CitizenSms phones;
    private final HttpClient http;

    HttpSmsProvider(NotifyProperties.HttpSms operator, CitizenSms phones, HttpClient http) {
        this.operator = operator;
        this.phones = phones;
        this.http = http;
    }

    @Override
    public String name() {
        return operator.name();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public int priority() {
        return operator.priority();
    }

    @Override
    public Outcome send(Dispatch d) {
        Optional<String> phone = phones.phone(d.account());
        if (phone.isEmpty()) {
            return Outcome.skipped("no-account");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(operator.url()).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("to", phone.get(),
                        "text", d.shortText(), "reference", d.reference()))));
        if (operator.token() != null) {
            request.header("Authorization", "Bearer " + operator.token());
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            if (status / 100 == 2) {
                return Outcome.delivered();
            }
            String code = "http-" + status;
            if (status == 429 || status / 100 == 5) {
                Duration retry = answer.headers().firstValue("Retry-After").flatMap(HttpSmsProvider::seconds).orElse(null);
                return Outcome.temporary(code, answer.body(), retry);
            }
            return Outcome.permanent(code, answer.body());
        } catch (HttpTimeoutException e) {
            return Outcome.temporary("timeout", e.getMessage());
        } catch (IOException e) {
            return Outcome.temporary("unreachable", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.temporary("interrupted", null);
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
