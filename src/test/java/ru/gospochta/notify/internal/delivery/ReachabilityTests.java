package ru.gospochta.notify.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.notify.Channel;
import ru.gospochta.notify.internal.NotifyProperties;

@DisplayName("NTF-5: who cannot be reached on a channel, asked once a channel")
class ReachabilityTests {

    static final UUID WITH_ADDRESS = UUID.randomUUID();
    static final UUID WITHOUT = UUID.randomUUID();

    /** E-mail by a relay that knows one address; push by a provider whose lookup fails; no SMS provider at all. */
    final Reachability reachability = new Reachability(new Providers(List.of(
            stub("relay", Channel.EMAIL, accounts -> Map.of(WITHOUT, "no-confirmed-address")),
            stub("push", Channel.PUSH, accounts -> {
                throw new IllegalStateException("database gone");
            })), List.of(), properties(), Clock.systemUTC()));

    @Test
    @DisplayName("NTF-5: the provider's reasons by citizen; a channel nobody serves skips everyone; a failed lookup skips nobody")
    void answersByChannel() {
        Map<Channel, Map<UUID, Reachability.Skip>> skips = reachability.unreachable(Map.of(
                Channel.EMAIL, List.of(WITH_ADDRESS, WITHOUT, WITHOUT),
                Channel.SMS, List.of(WITH_ADDRESS),
                Channel.PUSH, List.of(WITHOUT)));

        assertThat(skips.get(Channel.EMAIL)).containsExactly(
                Map.entry(WITHOUT, new Reachability.Skip("relay", "no-confirmed-address")));
        assertThat(skips.get(Channel.SMS)).containsExactly(Map.entry(WITH_ADDRESS, new Reachability.Skip(null, "no-provider")));
        assertThat(skips).doesNotContainKey(Channel.PUSH);
    }

    interface Lookup {
        Map<UUID, String> unreachable(Collection<UUID> accounts);
    }

    static Provider stub(String name, Channel channel, Lookup lookup) {
        return new Provider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public Outcome send(Dispatch dispatch) {
                throw new UnsupportedOperationException("only asked who is reachable");
            }

            @Override
            public Map<UUID, String> unreachable(Collection<UUID> accounts) {
                return lookup.unreachable(accounts);
            }
        };
    }

    static NotifyProperties properties() {
        return new NotifyProperties(0, 50, Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofHours(48), 3, Duration.ofMinutes(1), false, List.of());
    }
}
