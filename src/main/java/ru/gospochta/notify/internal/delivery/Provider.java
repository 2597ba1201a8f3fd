package ru.gospochta.notify.internal.delivery;

import ru.gospochta.notify.Channel;

/**
 * One way to deliver on a channel: an SMTP relay, an SMS operator, the push services. Several may
 * serve a channel; {@link Providers} picks by priority and passes over one that keeps failing.
 * A provider is called with no database connection held and must bound its own waiting.
 */
public interface Provider {

    String name();

    Channel channel();

    /** Lower goes first. */
    int priority();

    Outcome send(Dispatch dispatch);

    /**
     * Whether the provider takes the notifications of a claimed batch at once ({@link #send(java.util.List)}),
     * sharing what can be shared among them — one lookup of the recipients, one write of the letters'
     * verification codes. A provider that does not is handed them one at a time, so that failover
     * can move to the next provider in the middle of a batch.
     */
    default boolean takesBatches() {
        return false;
    }

    /** The outcome of each of the batch, in its order; only called when {@link #takesBatches()}. */
    default java.util.List<Outcome> send(java.util.List<Dispatch> batch) {
        return batch.stream().map(this::send).toList();
    }

    /**
     * Why this citizen cannot be reached on the channel at all (no confirmed address, no subscribed
     * browser), asked before the notice is written, so that nothing is rendered for nobody.
     */
    default java.util.Optional<String> unreachable(java.util.UUID account) {
        return java.util.Optional.empty();
    }

    /**
     * {@link #unreachable(java.util.UUID)} for the accounts of a claimed batch or of notices being
     * written ({@link Reachability}), asked once for all of them; an account absent from the answer
     * is reachable. A provider that can look many up in
     * one query overrides it. Reachability belongs to the channel, so the answer of the provider
     * first in line stands for the batch even when a later one takes over.
     */
    default java.util.Map<java.util.UUID, String> unreachable(java.util.Collection<java.util.UUID> accounts) {
        java.util.Map<java.util.UUID, String> reasons = new java.util.HashMap<>();
        for (java.util.UUID account : accounts) {
            unreachable(account).ifPresent(reason -> reasons.put(account, reason));
        }
        return reasons;
    }
}
