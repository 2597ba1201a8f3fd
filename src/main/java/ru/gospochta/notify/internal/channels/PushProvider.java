package ru.gospochta.notify.internal.channels;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import ru.gospochta.notify.Channel;
import ru.gospochta.notify.internal.delivery.Dispatch;
import ru.gospochta.notify.internal.delivery.Outcome;
import ru.gospochta.notify.internal.delivery.Provider;
import ru.gospochta.notify.internal.push.PushMessage;
import ru.gospochta.notify.internal.push.PushResult;
import ru.gospochta.notify.internal.push.PushSubscriptions;
import ru.gospochta.notify.internal.push.Subscription;
import ru.gospochta.notify.internal.push.WebPushSender;

/**
 * Web Push to every browser the citizen subscribed (NTF-5). The notice is delivered when one
 * browser's push service took it; retried while none did and one may later; a browser whose
 * subscription is gone is forgotten by the sender.
 */
@Component
class PushProvider implements Provider {

    private final PushSubscriptions subscriptions;
    private final WebPushSender sender;

    PushProvider(PushSubscriptions subscriptions, WebPushSender sender) {
        this.subscriptions = subscriptions;
        this.sender = sender;
    }

    @Override
    public String name() {
        return "web-push";
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public java.util.Optional<String> unreachable(java.util.UUID account) {
        return subscriptions.of(account).isEmpty() ? java.util.Optional.of("no-subscription") : java.util.Optional.empty();
    }

    @Override
    public Outcome send(Dispatch d) {
        List<Subscription> browsers = subscriptions.of(d.account());
        if (browsers.isEmpty()) {
            return Outcome.skipped("no-subscription");
        }
        // The service worker opens only addresses of this site: the link goes as its path.
        URI link = URI.create(d.link());
        String path = link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
        PushMessage message = PushMessage.of(d.subject(), d.shortText(), path);
        boolean temporary = false;
        Duration wait = Duration.ZERO;
        String lastProblem = "push-refused";
        int gone = 0;
        for (Subscription browser : browsers) {
            switch (sender.send(browser, message)) {
                case PushResult.Delivered delivered -> {
                    return Outcome.delivered();
                }
                case PushResult.Gone g -> gone++;
                case PushResult.TemporaryFailure t -> {
                    temporary = true;
                    wait = t.retryAfter().compareTo(wait) > 0 ? t.retryAfter() : wait;
                    lastProblem = "push-" + (t.status() == 0 ? "unreachable" : t.status());
                }
                case PushResult.PermanentFailure p -> lastProblem = "push-" + p.status() + "-" + p.reason();
            }
        }
        if (gone == browsers.size()) {
            return Outcome.skipped("no-subscription");
        }
        return temporary ? Outcome.temporary(lastProblem, null, wait.isZero() ? null : wait)
                : Outcome.permanent(lastProblem, null);
    }
}
