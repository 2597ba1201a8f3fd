package ru.gospochta.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How outgoing e-mail leaves the server: into the local catcher (default) or through an SMTP relay.
 *
 * @param mode {@code catcher} keeps every letter in an embedded mail server readable over IMAP;
 *             {@code smtp} sends through the relay in {@code smtp}
 * @param fromAddress the sender (From) of every letter; the envelope sender is {@code bounces.address}
 * @param fromName the display name of the sender
 * @param backupSmtp an optional second relay, the same settings as {@code smtp}, absent while its
 *                   {@code host} is empty. E-mail notifications move to it when the primary relay
 *                   keeps failing, and back to the primary when its pause ends (NTF-5); every other
 *                   letter (sign-in codes, staff mail) keeps to the primary. It stands in for the
 *                   {@code smtp} relay, so it is a start-up error in {@code catcher} mode rather than
 *                   a setting quietly ignored, and it must name another relay than {@code smtp}
 * @param dkim how every letter is signed, so receivers can tell it comes from us unaltered (NTF-5, NTF-6)
 * @param bounces where mail systems return what they could not deliver, and how those reports are read (NTF-5)
 */
@Validated
@ConfigurationProperties("gospochta.mail")
public record MailProperties(
        @DefaultValue("catcher") @NotNull Mode mode,
        @DefaultValue("noreply@gospochta.local") @NotBlank @Email String fromAddress,
        @DefaultValue("Госпочта") @NotBlank String fromName,
        @DefaultValue @Valid Catcher catcher,
        @DefaultValue @Valid Smtp smtp,
        @DefaultValue @Valid Smtp backupSmtp,
        @DefaultValue @Valid Dkim dkim,
        @DefaultValue @Valid Bounces bounces) {

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

    /**
     * @param poolSize connections kept open and reused across letters (in catcher mode too); as
     *                 many letters are in transit at once, further senders wait for a free one
     * @param lettersPerConnection a connection is replaced after this many letters, staying under
     *                             the limits relays set per connection
     * @param idleTimeout a connection unused this long is closed, before the relay drops it on its side
     *                    (GreenMail after 30 s, Postfix after 300 s)
     */
    public record Smtp(
            @Nullable String host,
            @DefaultValue("587") @Min(1) @Max(65535) int port,
            @DefaultValue("starttls") @NotNull Security security,
            @Nullable String username,
            @Nullable String password,
            @DefaultValue("10s") @NotNull Duration timeout,
            @DefaultValue("4") @Min(1) @Max(64) int poolSize,
            @DefaultValue("100") @Min(1) int lettersPerConnection,
            @DefaultValue("20s") @NotNull Duration idleTimeout) {

        /** Whether a relay is named at all: the backup relay is absent until its host is set. */
        public boolean hasHost() {
            return host != null && !host.isBlank();
        }

        /** The relay as {@code host:port}, for health details and log lines. */
        public String address() {
            return host + ":" + port;
        }
    }

    /**
     * DKIM (RFC 6376) signing of every letter.
     *
     * @param domain the signing domain {@code d=}; empty means the domain of {@code from-address}
     * @param selector the {@code s=} that names the DNS record {@code <selector>._domainkey.<domain>}
     * @param keyFile an RSA private key in PKCS#8 PEM shared by every node; empty means a key
     *                generated at first start in {@code <data-dir>/keys/dkim-<selector>.pem}
     * @param algorithms the signatures every letter carries, each under its own key and selector:
     *                   {@code rsa-sha256} (RFC 6376, verified by every receiver), {@code ed25519-sha256}
     *                   (RFC 8463, a twentieth of the CPU but not yet verified by every large mailbox
     *                   provider), or both
     * @param ed25519Selector the selector of the Ed25519 key; a DNS record holds one key type, so
     *                        it differs from {@code selector}
     * @param ed25519KeyFile an Ed25519 private key in PKCS#8 PEM ({@code openssl genpkey -algorithm
     *                       ed25519}); empty means one generated like the RSA key
     */
    public record Dkim(
            @DefaultValue("true") boolean enabled,
            @Nullable @Pattern(regexp = "(?:" + DOMAIN + ")?", message = "must be a domain name") String domain,
            @DefaultValue("gp1") @NotBlank @Pattern(regexp = SELECTOR, message = "must be one DNS label (letters, digits, hyphens)")
            String selector,
            @Nullable Path keyFile,
            @DefaultValue("rsa-sha256") @NotEmpty List<DkimAlgorithm> algorithms,
            @DefaultValue("gp1e") @NotBlank @Pattern(regexp = SELECTOR, message = "must be one DNS label (letters, digits, hyphens)")
            String ed25519Selector,
            @Nullable Path ed25519KeyFile) {

        @AssertTrue(message = "must differ from the RSA selector: a DNS record publishes one key")
        public boolean isEd25519SelectorDistinct() {
            return !algorithms.contains(DkimAlgorithm.ED25519_SHA256) || !algorithms.contains(DkimAlgorithm.RSA_SHA256)
                    || !ed25519Selector.equalsIgnoreCase(selector);
        }
    }

    /**
     * The return path of every letter and the mailbox its reports arrive in (NTF-5, CNT-6):
     * delivery status notifications (RFC 3464) of letters that bounced after the relay took them,
     * and complaints (RFC 5965) of recipients who marked a letter as spam.
     *
     * @param address the envelope sender (Return-Path) of every letter; empty means {@code bounces@}
     *                the domain of {@code from-address}. The visible From stays {@code from-address}
     * @param enabled read the reports; in catcher mode from the catcher's mailbox of {@code address},
     *                in smtp mode from the IMAP server in {@code host} (not read while it is unset)
     * @param username the IMAP login; empty means {@code address}
     * @param pollInterval how often the mailbox is read, also read by the poller's {@code @Scheduled}
     * @param maxSize a report larger than this is dropped unread: real ones are a few kilobytes
     *                plus, at most, the returned letter
     */
    public record Bounces(
            @Nullable @Email String address,
            @DefaultValue("true") boolean enabled,
            @Nullable String host,
            @DefaultValue("993") @Min(1) @Max(65535) int port,
            @DefaultValue("tls") @NotNull Security security,
            @Nullable String username,
            @Nullable String password,
            @DefaultValue("INBOX") @NotBlank String folder,
            @DefaultValue("1m") @NotNull Duration pollInterval,
            @DefaultValue("10s") @NotNull Duration timeout,
            @DefaultValue("1MB") @NotNull DataSize maxSize) {

        /** Whether a mailbox to read is configured in smtp mode; the catcher is always there. */
        public boolean hasServer() {
            return host != null && !host.isBlank();
        }
    }

    /** The signature algorithms of DKIM, as the {@code a=} tag names them. */
    public enum DkimAlgorithm {
        RSA_SHA256("rsa-sha256", "rsa"), ED25519_SHA256("ed25519-sha256", "ed25519");

        private final String tag;
        private final String keyType;

        DkimAlgorithm(String tag, String keyType) {
            this.tag = tag;
            this.keyType = keyType;
        }

        /** The {@code a=} value of the signature. */
        public String tag() {
            return tag;
        }

        /** The {@code k=} value of the DNS record. */
        public String keyType() {
            return keyType;
        }
    }

    private static final String SELECTOR = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

    /** A domain name of at least two labels; the signing domain is checked against it. */
    private static final String DOMAIN = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9-]{2,63}";

    /** The domain of the sender address; Message-IDs are made under it. */
    public String fromDomain() {
        return fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** The {@code d=} of the signature: configured, or the sender address's domain. */
    public String dkimDomain() {
        String configured = dkim.domain();
        return configured == null || configured.isBlank() ? fromDomain() : configured.toLowerCase(Locale.ROOT);
    }

    /** The envelope sender of every letter, where bounces and complaints come back to. */
    public String bounceAddress() {
        String configured = bounces.address();
        return configured == null || configured.isBlank() ? "bounces@" + fromDomain() : configured;
    }

    @AssertTrue(message = "gospochta.mail.smtp.host must be set when gospochta.mail.mode is smtp")
    public boolean isRelayAddressed() {
        return mode != Mode.SMTP || smtp.hasHost();
    }

    /** Whether a backup relay is configured (its host set). */
    public boolean hasBackupRelay() {
        return backupSmtp.hasHost();
    }

    /*
     * Refused rather than ignored with a warning: an operator who names a backup relay expects
     * letters to reach the outside world, and in catcher mode none does — a warning scrolled past
     * would leave notices quietly caught on the server.
     */
    @AssertTrue(message = "gospochta.mail.backup-smtp.host is set but gospochta.mail.mode is catcher: a backup relay"
            + " stands in for the smtp relay; set gospochta.mail.mode=smtp with gospochta.mail.smtp.host, or remove the backup")
    public boolean isBackupWithRelay() {
        return mode == Mode.SMTP || !hasBackupRelay();
    }

    @AssertTrue(message = "gospochta.mail.backup-smtp must name another relay than gospochta.mail.smtp (host and port)")
    public boolean isBackupAnotherRelay() {
        return !hasBackupRelay() || !smtp.hasHost()
                || !(backupSmtp.host().strip().equalsIgnoreCase(smtp.host().strip()) && backupSmtp.port() == smtp.port());
    }
}
