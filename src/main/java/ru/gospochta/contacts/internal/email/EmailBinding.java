package ru.gospochta.contacts.internal.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.contacts.EmailAddress;
import ru.gospochta.contacts.EmailAddressRules;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.PlatformProperties;
import ru.gospochta.platform.ServerKeys;

/**
 * Binding an e-mail to an account (CNT-2 … CNT-4): one letter with a 6-digit code (10 minutes,
 * 5 tries) and a one-time link (24 hours); another letter at the earliest 60 seconds later. The
 * address in force stays until the new one is confirmed, and is then told of the change.
 */
@Service
public class EmailBinding {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration LINK_LIFETIME = Duration.ofHours(24);
    static final Duration RESEND_AFTER = Duration.ofSeconds(60);
    static final int MAX_TRIES = 5;

    private final EmailAddresses addresses;
    private final EmailAddressRules rules;
    private final ContactLetters letters;
    private final AuditLog audit;
    private final Clock clock;
    private final SecretKeySpec key;
    private final String publicUrl;
    private final SecureRandom random = new SecureRandom();

    public EmailBinding(EmailAddresses addresses, EmailAddressRules rules, ContactLetters letters, AuditLog audit,
            ServerKeys keys, PlatformProperties platform, Clock clock) {
        this.addresses = addresses;
        this.rules = rules;
        this.letters = letters;
        this.audit = audit;
        this.clock = clock;
        this.key = new SecretKeySpec(keys.key("contact-confirmation"), "HmacSHA256");
        this.publicUrl = platform.publicUrl().toString().replaceAll("/+$", "");
    }

    /** The address waiting for its code and when another letter may be asked for. */
    public record Waiting(String address, Instant resendAfter) {
    }

    /** Takes a new address and sends its letter; the address in force (if any) keeps working. */
    @Transactional
    public Waiting start(UUID account, String typed, Locale locale) {
        EmailAddress address = rules.accept(typed);
        // A suspended address may be added again: confirming it is what lifts the suspension (CNT-6).
        if (addresses.inForce(account).filter(a -> a.status() == EmailAddresses.Status.CONFIRMED)
                .filter(a -> a.address().equalsIgnoreCase(address.ascii())).isPresent()) {
            throw BindingRefused.because(BindingRefused.Reason.SAME_ADDRESS);
        }
        return begin(account, address, locale);
    }

    /**
     * «Подтвердить снова» (CNT-6): a new letter to the suspended address in force. No re-check of
     * the person, unlike adding: the address stays the same, only its working is proved again.
     */
    @Transactional
    public Waiting reconfirm(UUID account, Locale locale) {
        EmailAddresses.Stored suspended = addresses.inForce(account)
                .filter(a -> a.status() == EmailAddresses.Status.SUSPENDED)
                .orElseThrow(() -> BindingRefused.because(BindingRefused.Reason.NOTHING_WAITING));
        return begin(account, new EmailAddress(suspended.address()), locale);
    }

    private Waiting begin(UUID account, EmailAddress address, Locale locale) {
        Instant now = clock.instant();
        UUID id = addresses.addWaiting(account, address.ascii(), now);
        try {
            send(id, address, now, locale);
        } catch (MailNotSent notSent) {
            if (notSent.permanent()) {
                throw BindingRefused.because(BindingRefused.Reason.ADDRESS_BOUNCED);
            }
            throw notSent;
        }
        audit.record(AuditEntry.of("citizen:" + account, "contacts.email-added", "account:" + account, AuditOutcome.SUCCESS)
                .with("address", address.masked()));
        return new Waiting(address.unicode(), now.plus(RESEND_AFTER));
    }

    /** Another letter with a new code and link, no sooner than 60 seconds after the last. */
    @Transactional
    public Waiting resend(UUID account, Locale locale) {
        EmailAddresses.Stored waiting = addresses.waiting(account)
                .orElseThrow(() -> BindingRefused.because(BindingRefused.Reason.NOTHING_WAITING));
        Instant now = clock.instant();
        EmailAddresses.Confirmation last = addresses.confirmationOf(waiting.id()).orElseThrow();
        Instant allowed = last.sentAt().plus(RESEND_AFTER);
        if (now.isBefore(allowed)) {
            throw new BindingRefused(BindingRefused.Reason.RESEND_TOO_EARLY, 0, Duration.between(now, allowed));
        }
        EmailAddress address = new EmailAddress(waiting.address());
        send(waiting.id(), address, now, locale);
        return new Waiting(address.unicode(), now.plus(RESEND_AFTER));
    }

    public Optional<Waiting> waiting(UUID account) {
        return addresses.waiting(account).flatMap(w -> addresses.currentConfirmation(w.id())
                .map(c -> new Waiting(new EmailAddress(w.address()).unicode(), c.sentAt().plus(RESEND_AFTER))));
    }

    @Transactional(noRollbackFor = BindingRefused.class)
    public String confirmByCode(UUID account, String typed, Locale locale) {
        EmailAddresses.Stored waiting = addresses.waiting(account)
                .orElseThrow(() -> BindingRefused.because(BindingRefused.Reason.NOTHING_WAITING));
        EmailAddresses.Confirmation confirmation = addresses.confirmationOf(waiting.id())
                .orElseThrow(() -> BindingRefused.because(BindingRefused.Reason.NOTHING_WAITING));
        if (!clock.instant().isBefore(confirmation.codeExpiresAt())) {
            throw BindingRefused.because(BindingRefused.Reason.CODE_EXPIRED);
        }
        if (confirmation.attempts() >= MAX_TRIES) {
            throw BindingRefused.because(BindingRefused.Reason.CODE_EXHAUSTED);
        }
        String code = typed.replaceAll("\\s", "");
        if (!java.security.MessageDigest.isEqual(hash("code", waiting.id(), code).getBytes(StandardCharsets.US_ASCII),
                confirmation.codeHash().getBytes(StandardCharsets.US_ASCII))) {
            addresses.countWrongCode(waiting.id());
            int left = MAX_TRIES - confirmation.attempts() - 1;
            throw left == 0 ? BindingRefused.because(BindingRefused.Reason.CODE_EXHAUSTED)
                    : new BindingRefused(BindingRefused.Reason.CODE_WRONG, left, null);
        }
        return confirm(waiting, locale);
    }

    /** The link of the letter, opened by the signed-in holder of the account it was sent for. */
    @Transactional
    public String confirmByLink(UUID account, String token, Locale locale) {
        EmailAddresses.Confirmation confirmation = addresses.confirmationByToken(hashToken(token))
                .orElseThrow(() -> BindingRefused.because(BindingRefused.Reason.LINK_INVALID));
        EmailAddresses.Stored waiting = addresses.byId(confirmation.addressId())
                .orElseThrow(() -> BindingRefused.because(BindingRefused.Reason.LINK_INVALID));
        if (!waiting.account().equals(account)) {
            audit.record(AuditEntry.of("citizen:" + account, "contacts.email-confirm", "account:" + waiting.account(),
                    AuditOutcome.DENIED).with("reason", "link-of-another-account"));
            throw BindingRefused.because(BindingRefused.Reason.LINK_OTHER_ACCOUNT);
        }
        if (!clock.instant().isBefore(confirmation.linkExpiresAt())) {
            throw BindingRefused.because(BindingRefused.Reason.LINK_EXPIRED);
        }
        return confirm(waiting, locale);
    }

    /** Deletes the account's addresses (CNT-4); letters to them stop at once. */
    @Transactional
    public void delete(UUID account) {
        addresses.deleteAll(account);
        audit.record(AuditEntry.of("citizen:" + account, "contacts.email-deleted", "account:" + account, AuditOutcome.SUCCESS));
    }

    private String confirm(EmailAddresses.Stored waiting, Locale locale) {
        Optional<EmailAddresses.Stored> previous = addresses.inForce(waiting.account());
        addresses.confirm(waiting, clock.instant());
        EmailAddress confirmed = new EmailAddress(waiting.address());
        // The notice goes only to a working address that is really replaced: not to the same one
        // confirmed again, and not to a suspended one, which would not receive it.
        previous.filter(old -> old.status() == EmailAddresses.Status.CONFIRMED)
                .filter(old -> !old.address().equalsIgnoreCase(waiting.address()))
                .ifPresent(old -> tellOldAddress(old, confirmed, locale));
        audit.record(AuditEntry.of("citizen:" + waiting.account(), "contacts.email-confirmed",
                "account:" + waiting.account(), AuditOutcome.SUCCESS).with("address", confirmed.masked())
                .with("replaced", Boolean.toString(previous.isPresent())));
        return confirmed.unicode();
    }

    /** The new address is confirmed whether or not the old one still takes letters. */
    private void tellOldAddress(EmailAddresses.Stored old, EmailAddress confirmed, Locale locale) {
        try {
            letters.send(old.address(), "email-changed", locale, Map.of(
                    "newAddress", confirmed.masked(), "reportUrl", publicUrl + "/recover"));
        } catch (MailNotSent notSent) {
            audit.record(AuditEntry.of("system:mail", "contacts.email-changed-notice", "account:" + old.account(),
                    AuditOutcome.FAILURE).with("address", new EmailAddress(old.address()).masked()));
        }
    }

    private void send(UUID addressId, EmailAddress address, Instant now, Locale locale) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        byte[] tokenBytes = new byte[32];
        random.nextBytes(tokenBytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes);
        addresses.saveConfirmation(new EmailAddresses.Confirmation(addressId, hash("code", addressId, code),
                hashToken(token), now, now.plus(CODE_LIFETIME), now.plus(LINK_LIFETIME), 0));
        letters.send(address.ascii(), "email-confirmation", locale, Map.of("code", code,
                "link", publicUrl + "/cabinet/contacts/email/confirm?token=" + token, "address", address.unicode()));
    }

    private String hashToken(String token) {
        return hash("link", null, token);
    }

    /** HMAC under a server key, bound to what it confirms, so a copied hash opens nothing elsewhere. */
    private String hash(String kind, @org.jspecify.annotations.Nullable UUID addressId, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((kind + "|" + (addressId == null ? "" : addressId) + "|" + value).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
