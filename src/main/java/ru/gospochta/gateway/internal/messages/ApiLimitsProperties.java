package ru.gospochta.gateway.internal.messages;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The limits of each agency system (GW-5) unless the registry sets its own; the registry's pages
 * show them as the defaults.
 *
 * @param requestsPerSecond API calls a second, bursts up to the same number
 * @param messagesPerDay messages a day (a batch counts each message), by the portal's day
 * @param maxRequestBytes the largest body of one message (base64 makes 50 MB of files about 67 MB)
 * @param maxBatchBytes the largest body of a batch
 */
@Validated
@ConfigurationProperties("gospochta.gateway.limits")
public record ApiLimitsProperties(@DefaultValue("50") @Positive int requestsPerSecond,
        @DefaultValue("1000000") @Positive long messagesPerDay,
        @DefaultValue("71000000") @Positive long maxRequestBytes,
        @DefaultValue("200000000") @Positive long maxBatchBytes) {
}
