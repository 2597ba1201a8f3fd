package ru.gospochta.notify.internal.push;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Web Push channel (NTF-5).
 *
 * @param vapidKeyFile the server's VAPID key, a P-256 private key in PKCS#8 PEM form (what
 *        {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256} writes); empty: a key
 *        generated at first start in {@code <data dir>/keys/vapid.pem}. Nodes of a cluster must share
 *        it, since browsers subscribed with its public key refuse messages signed by another
 * @param subject the contact push services may write to about this server, {@code mailto:} or
 *        {@code https:}; empty: {@code mailto:} and the sender address of outgoing mail
 * @param maxPerAccount browsers one account may subscribe; a new one beyond drops the oldest
 * @param timeout how long one push service may take to connect and to answer
 * @param endpointHosts the push services browsers subscribe with, by host name (a name also
 *        covers its sub-domains); the server posts only to these, so a made-up subscription cannot
 *        send it to an address of the operator's network. Empty: any host
 * @param allowLocalEndpoints accept {@code http} endpoints on localhost and 127.0.0.1, for a push
 *        service that runs beside a development server or a test
 */
@Validated
@ConfigurationProperties("gospochta.notify.push")
public record PushProperties(
        @Nullable Path vapidKeyFile,
        @Nullable String subject,
        @DefaultValue("10") @Min(1) @Max(100) int maxPerAccount,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue({"fcm.googleapis.com", "updates.push.services.mozilla.com", "push.apple.com", "notify.windows.com"})
        @NotNull List<String> endpointHosts,
        @DefaultValue("false") boolean allowLocalEndpoints) {

    @AssertTrue(message = "gospochta.notify.push.subject must start with mailto: or https:")
    public boolean isSubjectAContact() {
        return subject == null || subject.isBlank() || subject.startsWith("mailto:") || subject.startsWith("https:");
    }

    @AssertTrue(message = "gospochta.notify.push.timeout must be between 1 second and 1 minute")
    public boolean isTimeoutSensible() {
        return timeout.compareTo(Duration.ofSeconds(1)) >= 0 && timeout.compareTo(Duration.ofMinutes(1)) <= 0;
    }
}
