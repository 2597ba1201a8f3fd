package ru.gospochta.notify.internal.delivery;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ru.gospochta.notify.Channel;

/**
 * Who of some citizens cannot be reached on a channel at all (NTF-5): no provider serves the
 * channel, or the citizen has nothing it could reach (no confirmed address, no subscribed
 * browser). Asked once a channel for many citizens: by the dispatcher for a claimed batch, and when
 * notices due at once are written, so that such a notice is settled as skipped when it is written
 * rather than claimed by a dispatcher only to be skipped.
 */
@Component
public class Reachability {

    private static final Logger log = LoggerFactory.getLogger(Reachability.class);

    /**
     * Why a notice cannot go.
     *
     * @param provider the provider first in line, which said so; null when none serves the channel
     * @param reason e.g. {@code no-confirmed-address}, {@code no-provider}
     */
    public record Skip(@Nullable String provider, String reason) {
    }

    private final Providers providers;

    Reachability(Providers providers) {
        this.providers = providers;
    }

    /**
     * @return for each channel asked, the citizens who cannot be reached on it and why; a citizen
     *     absent from the answer is reachable. A channel whose lookup failed is left out: the
     *     provider asks again for each notice as it sends it, and a failed lookup is no reason to
     *     skip anyone.
     */
    public Map<Channel, Map<UUID, Skip>> unreachable(Map<Channel, ? extends Collection<UUID>> accounts) {
        Map<Channel, Map<UUID, Skip>> skips = new EnumMap<>(Channel.class);
        accounts.forEach((channel, ids) -> {
            Map<UUID, Skip> found = new HashMap<>();
            if (!providers.serves(channel)) {
                ids.forEach(id -> found.put(id, new Skip(null, "no-provider")));
                skips.put(channel, found);
                return;
            }
            Provider provider = providers.pick(channel);
            try {
                provider.unreachable(ids.stream().distinct().toList())
                        .forEach((id, reason) -> found.put(id, new Skip(provider.name(), reason)));
                skips.put(channel, found);
            } catch (RuntimeException e) {
                log.warn("Could not look up who is reachable by {}", channel, e);
            }
        });
        return skips;
    }
}
