package ru.gospochta.notify.internal.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ru.gospochta.notify.Channel;
import ru.gospochta.notify.Frequency;
import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.preferences.Preferences;

/**
 * Decides, from the citizen's preferences, which notifications an event gets and when each is
 * due (NTF-3): a digest category waits for its digest (by e-mail; SMS and push are for notices one
 * by one); a non-urgent notice falling in quiet hours waits until they end.
 */
final class Planner {

    record Plan(Channel channel, String status, Instant dueAt) {
    }

    private Planner() {
    }

    static List<Plan> plan(EventType type, Preferences preferences, Instant now) {
        List<Plan> plans = new ArrayList<>();
        Frequency frequency = preferences.frequency(type.category(), type.mandatory());
        for (Channel channel : preferences.channelsFor(type.category(), type.mandatory())) {
            if (!type.channels().contains(channel)) {
                continue;
            }
            if (frequency.digest()) {
                if (channel == Channel.EMAIL) {
                    plans.add(new Plan(channel, "waiting-digest", preferences.nextDigest(frequency, now)));
                }
                continue;
            }
            plans.add(new Plan(channel, "created", type.urgent() ? now : preferences.afterQuietHours(now)));
        }
        plans.sort(java.util.Comparator.comparing(Plan::channel));
        return plans;
    }
}
