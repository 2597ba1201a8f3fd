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
     * Why this citizen cannot be reached on the channel at all (no confirmed address, no subscribed
     * browser), asked before the notice is written, so that nothing is rendered for nobody.
     */
    default java.util.Optional<String> unreachable(java.util.UUID account) {
        return java.util.Optional.empty();
    }
}
