package ru.gospochta.platform;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How outgoing e-mail leaves the server: into the local catcher (default) or through an SMTP relay.
 *
 * @param mode {@code catcher} keeps every letter in an embedded mail server readable over IMAP;
 *             {@code smtp} sends through the relay in {@code smtp}
 * @param fromAddress the envelope and header sender of every letter
 * @param fromName the display name of the sender
 */
@Validated
@ConfigurationProperties("gospochta.mail")
public record MailProperties(
        @DefaultValue("catcher") @NotNull Mode mode,
        @DefaultValue("noreply@gospochta.local") @NotBlank @Email String fromAddress,
        @DefaultValue("Госпочта") @NotBlank String fromName,
        @DefaultValue @Valid Catcher catcher,
        @DefaultValue @Valid Smtp smtp) {

    public enum Mode { CATCHER, SMTP }

    /** TLS on the relay connection: none, upgraded with STARTTLS, or implicit TLS from the first byte. */
    public enum Security { NONE, STARTTLS, TLS }

    /**
     * @param host the address the catcher listens on; loopback unless you mean to share it
     * @param smtpPort SMTP port of the catcher; 0 picks a free one
     * @param imapPort IMAP port of the catcher; 0 picks a free one
     */
    public record Catcher(
            @DefaultValue("127.0.0.1") @NotBlank String host,
            @DefaultValue("3025") @Min(0) @Max(65535) int smtpPort,
            @DefaultValue("3143") @Min(0) @Max(65535) int imapPort) {
    }

    public record Smtp(
            @Nullable String host,
            @DefaultValue("587") @Min(1) @Max(65535) int port,
            @DefaultValue("starttls") @NotNull Security security,
            @Nullable String username,
            @Nullable String password,
            @DefaultValue("10s") @NotNull Duration timeout) {
    }

    @AssertTrue(message = "gospochta.mail.smtp.host must be set when gospochta.mail.mode is smtp")
    public boolean isRelayAddressed() {
        return mode != Mode.SMTP || (smtp.host() != null && !smtp.host().isBlank());
    }
}
