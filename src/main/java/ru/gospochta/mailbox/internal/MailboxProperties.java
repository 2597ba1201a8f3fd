package ru.gospochta.mailbox.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the mailbox module.
 *
 * @param masterKeyFile a PKCS#12 keystore holding the master keys as AES secret-key entries named
 *        {@code <masterKeyAlias>-<version>} (production); when absent, a master key is generated
 *        into {@code <data dir>/keys/mailbox-master.key} on first start
 * @param masterKeyPassword the keystore's password, required with {@code masterKeyFile}
 * @param masterKeyAlias the alias prefix of the master keys in the keystore
 * @param pageSize messages on a page of a folder, the history or «Мои документы»
 * @param timeZone the zone dates are shown in and the history's period is read in
 * @param searchTextLimit at most this many characters of a body and of the attachments' text are indexed
 * @param dataKeyCache how many unwrapped data keys are kept in memory
 * @param eventsTimeout how long one new-mail stream stays open before the browser reconnects
 * @param eventsPerAccount open new-mail streams an account may hold; the oldest is closed beyond it
 * @param textBusyLoad the host's CPU use (0 to 1) from which reading attachments' text for search
 *        gives way to other work; 1 never gives way
 * @param textBusyShare the share of its time that reading attachments' text may take while the host is busy
 */
@Validated
@ConfigurationProperties("gospochta.mailbox")
public record MailboxProperties(
        @Nullable Path masterKeyFile,
        @Nullable String masterKeyPassword,
        @DefaultValue("mailbox-master") @NotBlank String masterKeyAlias,
        @DefaultValue("20") @Min(5) @Max(200) int pageSize,
        @DefaultValue("Europe/Moscow") @NotNull ZoneId timeZone,
        @DefaultValue("100000") @Min(1000) @Max(1_000_000) int searchTextLimit,
        @DefaultValue("10000") @Min(100) int dataKeyCache,
        @DefaultValue("5m") @NotNull Duration eventsTimeout,
        @DefaultValue("5") @Min(1) @Max(50) int eventsPerAccount,
        @DefaultValue("0.8") @DecimalMin("0") @DecimalMax("1") double textBusyLoad,
        @DefaultValue("0.1") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double textBusyShare) {

    public MailboxProperties {
        if (masterKeyFile != null && (masterKeyPassword == null || masterKeyPassword.isEmpty())) {
            throw new IllegalArgumentException(
                    "gospochta.mailbox.master-key-password must be set with gospochta.mailbox.master-key-file");
        }
        if (eventsTimeout.isNegative() || eventsTimeout.isZero()) {
            throw new IllegalArgumentException("gospochta.mailbox.events-timeout must be positive");
        }
    }

    /** The settings with every default, for tests and tools. */
    public static MailboxProperties defaults() {
        return new MailboxProperties(null, null, "mailbox-master", 20, ZoneId.of("Europe/Moscow"), 100_000, 10_000,
                Duration.ofMinutes(5), 5, 0.8, 0.1);
    }
}
