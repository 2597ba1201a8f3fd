package ru.gospochta.contacts.internal.email;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;


import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.contacts.EmailAddress;
import ru.gospochta.contacts.EmailAddressRules;
import ru.gospochta.contacts.internal.email.EmailAddresses.Kind;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.PlatformProperties;
import ru.gospochta.platform.ServerKeys;

/**
 * Binding an e-mail to an account (CNT-2 … CNT-5): one letter with a 6-digit code (10 minutes,
 * 5 tries) and a one-time link (24 hours); another letter at the earliest 60 seconds later. The
 * address in force stays until the new one is confirmed, and is then told of the change. The main
 * and the backup address go through the same steps, each in its own slot.
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
    private final EmailChanges changes;
    private final AuditLog audit;
    private final Clock clock;
    private final KeyedHash hashes;
    private final String publicUrl;
    private final SecureRandom random = new SecureRandom();

    public EmailBinding(EmailAddresses addresses, EmailAddressRules rules, ContactLetters letters, EmailChanges changes,
            AuditLog audit, ServerKeys keys, PlatformProperties platform, Clock clock) {
        this.addresses = addresses;
        this.rules = rules;
        this.letters = letters;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
        this.hashes = new KeyedHash(keys, "contact-confirmation");
        this.publicUrl = platform.publicUrl().toString().replaceAll("/+$", "");
    }

    /** The address waiting for its code and when another letter may be asked for. */
    public record Waiting(String address, Instant resendAfter) {
    }

    /** An address just confirmed, and in which slot. */
    public record Confirmed(Kind kind, String address) {
    }

    /** Takes a new address and sends its letter; the address in force (if any) keeps working. */
    @Transactional
    public Waiting start(UUID account, Kind kind, String typed, Locale locale) {
        EmailAddress address = rules.accept(typed);
        // A suspended address may be added again: confirming it is what lifts the suspension (CNT-6).
        if (addresses.inForce(account, kind).filter(a -> a.status() == EmailAddresses.Status.CONFIRMED)
                .filter(a -> a.address().equalsIgnoreCase(address.ascii())).isPresent()) {
            throw BindingRefused.because(BindingRefused.Reason.SAME_ADDRESS);
        }
        // A backup that is the main address again would be no backup at all.
        Kind other = kind == Kind.PRIMARY ? Kind.BACKUP : Kind.PRIMARY;
        if (addresses.inForce(account, other).filter(a -> a.address().equalsIgnoreCase(address.ascii())).isPresent()) {
            throw BindingRefused.because(BindingRefused.Reason.SAME_AS_OTHER_KIND);
        }
        return begin(account, kind, address, locale);
    }

    /**
     * «Подтвердить снова» (CNT-6): a new letter to the suspended address in force. No re-check of
     * the person, unlike adding: the address stays the same, only its working is proved again.
     */
    @Transactional
    public Waiting reconfirm(UUID account, Kind kind, Locale locale) {
        EmailAddresses.Stored suspended = addresses.inForce(account, kind)
                .filter(a -> a.status() == EmailAddresses.Status.SUSPENDED)
                .orElseThrow(() -> BindingRefused.because(BindingRefused.Reason.NOTHING_WAITING));
        return begin(account, kind, new EmailAddress(suspended.address()), locale);
    }

    private Waiting begin(UUID account, Kind kind, EmailAddress address, Locale locale) {
        Instant now = clock.instant();
        UUID id = addresses.addWaiting(account, kind, address.ascii(), now);
        try {
            send(id, address, now, locale);
        } catch (MailNotSent notSent) {
            if (notSent.permanent()) {
                throw BindingRefused.because(BindingRefused.Reason.ADDRESS_BOUNCED);
            }
            throw notSent;
        }
        audit.record(AuditEntry.of("citizen:" + account, "contacts.email-added", "account:" + account, AuditOutcome.SUCCESS)
                .with("address", address.masked()).with("kind", kind.name()));
        return new Waiting(address.unicode(), now.plus(RESEND_AFTER));
    }

    /** Another letter with a new code and link, no sooner than 60 seconds after the last. */
    @Transactional
    public Waiting resend(UUID account, Kind kind, Locale locale) {
        EmailAddresses.Stored waiting = addresses.waiting(account, kind)
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

    public Optional<Waiting> waiting(UUID account, Kind kind) {
        return addresses.waiting(account, kind).flatMap(w -> addresses.currentConfirmation(w.id())
                .map(c -> new Waiting(new EmailAddress(w.address()).unicode(), c.sentAt().plus(RESEND_AFTER))));
    }

    @Transactional(noRollbackFor = BindingRefused.class)
    public Confirmed confirmByCode(UUID account, Kind kind, String typed, Locale locale) {
        EmailAddresses.Stored waiting = addresses.waiting(account, kind)
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
    public Confirmed confirmByLink(UUID account, String token, Locale locale) {
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

    /** Deletes the account's address of this kind, in force and waiting (CNT-4); letters to it stop at once. */
    @Transactional
    public void delete(UUID account, Kind kind) {
        addresses.delete(account, kind);
        audit.record(AuditEntry.of("citizen:" + account, "contacts.email-deleted", "account:" + account, AuditOutcome.SUCCESS)
                .with("kind", kind.name()));
    }

    private Confirmed confirm(EmailAddresses.Stored waiting, Locale locale) {
        Optional<EmailAddresses.Stored> previous = addresses.inForce(waiting.account(), waiting.kind());
        addresses.confirm(waiting, clock.instant());
        EmailAddress confirmed = new EmailAddress(waiting.address());
        // The notice goes only to a working address that is really replaced: not to the same one
        // confirmed again, and not to a suspended one, which would not receive it.
        previous.filter(old -> old.status() == EmailAddresses.Status.CONFIRMED)
                .filter(old -> !old.address().equalsIgnoreCase(waiting.address()))
                .ifPresent(old -> tellOldAddress(old, confirmed, locale));
        audit.record(AuditEntry.of("citizen:" + waiting.account(), "contacts.email-confirmed",
                "account:" + waiting.account(), AuditOutcome.SUCCESS).with("address", confirmed.masked())
                .with("kind", waiting.kind().name()).with("replaced", Boolean.toString(previous.isPresent())));
        return new Confirmed(waiting.kind(), confirmed.unicode());
    }

    /**
     * The new address is confirmed whether or not the old one still takes letters. The letter holds
     * a link by which the old address's owner can say the change was not theirs (CNT-4).
     */
    private void tellOldAddress(EmailAddresses.Stored old, EmailAddress confirmed, Locale locale) {
        String token = changes.record(old, confirmed.ascii(), clock.instant());
        try {
            letters.send(old.address(), "email-changed", locale, Map.of(
                    "newAddress", confirmed.masked(), "reportUrl", publicUrl + "/contacts/not-me?token=" + token));
        } catch (MailNotSent notSent) {
            audit.record(AuditEntry.of("system:mail", "contacts.email-changed-notice", "account:" + old.account(),
                    AuditOutcome.FAILURE).with("address", new EmailAddress(old.address()).masked()));
        }
    }

    private void send(UUID addressId, EmailAddress address, Instant now, Locale locale) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        String token = KeyedHash.newToken();
        addresses.saveConfirmation(new EmailAddresses.Confirmation(addressId, hash("code", addressId, code),
                hashToken(token), now, now.plus(CODE_LIFETIME), now.plus(LINK_LIFETIME), 0));
        letters.send(address.ascii(), "email-confirmation", locale, Map.of("code", code,
                "link", publicUrl + "/cabinet/contacts/email/confirm?token=" + token, "address", address.unicode()));
    }

    private String hashToken(String token) {
        return hash("link", null, token);
    }

    /** Bound to what it confirms, so a copied hash opens nothing elsewhere. */
    private String hash(String kind, @org.jspecify.annotations.Nullable UUID addressId, String value) {
        return hashes.of(kind + "|" + (addressId == null ? "" : addressId) + "|" + value);
    }
}
