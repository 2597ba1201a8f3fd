package ru.gospochta.notify.internal.preferences;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.notify.Category;
import ru.gospochta.notify.Channel;

/**
 * The two ways a citizen changes their notification settings: the form of «Настройки уведомлений»
 * and the one-click unsubscribe link of a letter (NTF-6). Each is saved, its change of promotional
 * consent logged, and audited in one transaction, so the journal never tells of a change that was
 * not made.
 */
@Component
public class PreferenceChanges {

    private final PreferencesStore store;
    private final AuditLog audit;
    private final Clock clock;

    PreferenceChanges(PreferencesStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Saves the settings the citizen chose and returns what changed (empty: nothing, and nothing is
     * written). Consent already given keeps the moment it was given, which is what proves it.
     */
    @Transactional
    public Map<String, String> save(UUID account, Preferences chosen, String sourceIp) {
        Instant now = clock.instant();
        Preferences before = store.of(account);
        Preferences after = chosen.promotionalConsentAt() != null && before.promotionalConsentAt() != null
                ? chosen.withPromotionalConsent(before.promotionalConsentAt()) : chosen;
        Map<String, String> changes = Differences.between(before, after);
        if (changes.isEmpty()) {
            return changes;
        }
        store.save(account, after, now, PreferencesStore.SETTINGS);
        AuditEntry entry = AuditEntry.of("citizen:" + account, "notify.preferences-changed", "account:" + account,
                AuditOutcome.SUCCESS).from(sourceIp);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            entry = entry.with(change.getKey(), change.getValue());
        }
        audit.record(entry);
        return changes;
    }

    /**
     * Stops e-mail of the category, as the unsubscribe link of a letter asks; for news of services
     * the promotional consent is withdrawn too, since that is what the citizen said no to. Whoever
     * holds the letter acts here, not a signed-in citizen, and the audit says so.
     *
     * @return whether anything changed (a second click finds e-mail already off)
     */
    @Transactional
    public boolean unsubscribe(UUID account, Category category, String sourceIp) {
        if (category.mandatory()) {
            throw new IllegalArgumentException(category + " cannot be unsubscribed from");
        }
        Preferences before = store.of(account);
        Preferences.Row row = before.row(category);
        EnumSet<Channel> channels = EnumSet.copyOf(row.channels());
        channels.remove(Channel.EMAIL);
        Preferences after = before.withRow(category, new Preferences.Row(channels, row.frequency()));
        if (category.promotional()) {
            after = after.withPromotionalConsent(null);
        }
        Map<String, String> changes = Differences.between(before, after);
        if (!changes.isEmpty()) {
            store.save(account, after, clock.instant(), PreferencesStore.UNSUBSCRIBE_LINK);
        }
        AuditEntry entry = AuditEntry.of("link:unsubscribe", "notify.unsubscribed", "account:" + account, AuditOutcome.SUCCESS)
                .from(sourceIp).with("category", category.code()).with("changed", String.valueOf(!changes.isEmpty()));
        for (Map.Entry<String, String> change : changes.entrySet()) {
            entry = entry.with(change.getKey(), change.getValue());
        }
        audit.record(entry);
        return !changes.isEmpty();
    }
}
