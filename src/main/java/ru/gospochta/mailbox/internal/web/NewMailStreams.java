package ru.gospochta.mailbox.internal.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import ru.gospochta.mailbox.MessageDelivered;
import ru.gospochta.mailbox.internal.MailboxProperties;

/**
 * The open new-mail streams of this node (MBX-10), by account, and the deliveries pushed into
 * them once committed. A plain event listener, not a transactional one, on purpose: a push to a
 * page is worth nothing after a restart, so it must not take a row in the event publication
 * registry; it registers its own after-commit step instead.
 */
@Component
class NewMailStreams {

    private final Map<UUID, Deque<SseEmitter>> open = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final int perAccount;

    NewMailStreams(MailboxProperties properties) {
        this.timeout = properties.eventsTimeout();
        this.perAccount = properties.eventsPerAccount();
    }

    SseEmitter open(UUID account) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Deque<SseEmitter> streams = open.computeIfAbsent(account, a -> new ConcurrentLinkedDeque<>());
        streams.addLast(emitter);
        Runnable forget = () -> forget(account, emitter);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(failure -> forget.run());
        while (streams.size() > perAccount) {
            SseEmitter oldest = streams.pollFirst();
            if (oldest != null) {
                oldest.complete();
            }
        }
        // Tells the browser to come back after 5 s should the stream break, and the caller that it is open.
        send(account, emitter, SseEmitter.event().comment("open").reconnectTime(5000));
        return emitter;
    }

    @EventListener
    void delivered(MessageDelivered event) {
        Runnable push = () -> push(event);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    push.run();
                }
            });
        } else {
            push.run();
        }
    }

    /** A comment now and then keeps proxies from closing a quiet stream. */
    @Scheduled(fixedDelay = 25_000)
    void heartbeat() {
        open.forEach((account, streams) -> streams.forEach(e -> send(account, e, SseEmitter.event().comment("tick"))));
    }

    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        open.values().forEach(streams -> streams.forEach(SseEmitter::complete));
        open.clear();
    }

    int openStreams(UUID account) {
        Deque<SseEmitter> streams = open.get(account);
        return streams == null ? 0 : streams.size();
    }

    private void push(MessageDelivered event) {
        Deque<SseEmitter> streams = open.get(event.account());
        if (streams == null) {
            return;
        }
        String data = "{\"id\":\"" + event.messageId() + "\"}";
        streams.forEach(e -> send(event.account(), e, SseEmitter.event().name("delivered").id(event.messageId().toString())
                .data(data)));
    }

    private void send(UUID account, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            forget(account, emitter);
        }
    }

    private void forget(UUID account, SseEmitter emitter) {
        open.computeIfPresent(account, (a, streams) -> {
            streams.remove(emitter);
            return streams.isEmpty() ? null : streams;
        });
    }
}
