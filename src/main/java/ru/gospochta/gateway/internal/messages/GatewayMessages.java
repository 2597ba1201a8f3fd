package ru.gospochta.gateway.internal.messages;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.gateway.internal.callbacks.CallbackOutbox;
import ru.gospochta.identity.Recipients;
import ru.gospochta.mailbox.AcceptedFile;
import ru.gospochta.mailbox.AttachmentRules;
import ru.gospochta.mailbox.AttachmentsRefused;
import ru.gospochta.mailbox.MailboxDelivery;
import ru.gospochta.mailbox.MessageRead;
import ru.gospochta.mailbox.NewMessage;
import ru.gospochta.notify.DeliveredMessage;
import ru.gospochta.notify.Notifications;

/**
 * Accepts agencies' messages (GW-2): the files checked (APL-2), the HTML made safe, the day's quota
 * counted (GW-5), the recipients found, registration numbers given, and each message put into its
 * citizen's mailbox — all in one transaction, so the 202 that follows means it is stored, and a
 * refusal leaves nothing behind. A test credential's messages go no further than this module. The
 * system's callbacks of each status are queued in the same transaction (GW-3).
 */
@Service
class GatewayMessages {

    private final SentMessages store;
    private final Recipients recipients;
    private final AttachmentRules attachments;
    private final MailboxDelivery mailbox;
    private final HtmlBodies html;
    private final DailyQuota quota;
    private final CallbackOutbox callbacks;
    private final AuditLog audit;
    private final Clock clock;

    private final Notifications notifications;

    GatewayMessages(SentMessages store, Recipients recipients, AttachmentRules attachments, MailboxDelivery mailbox,
            HtmlBodies html, DailyQuota quota, CallbackOutbox callbacks, AuditLog audit, Clock clock,
            Notifications notifications) {
        this.notifications = notifications;
        this.callbacks = callbacks;
        this.audit = audit;
        this.store = store;
        this.recipients = recipients;
        this.attachments = attachments;
        this.mailbox = mailbox;
        this.html = html;
        this.quota = quota;
        this.clock = clock;
    }

    /**
     * @param paths the field path of each request in the answer ({@code ""} for a single message,
     *     {@code messages[i]} in a batch)
     * @throws MessagesRefused when a file breaks the rules; nothing is stored
     * @throws QuotaExceeded when the system's messages for today would pass its limit
     */
    @Transactional
    List<SentMessage> accept(ApiCaller caller, List<MessageRequest> requests, List<String> paths) {
        Instant now = clock.instant();
        quota.check(caller, requests.size(), now);
        List<List<AcceptedFile>> files = checkFiles(requests, paths);
        Map<Recipients.Key, Recipients.Resolution> found = caller.test()
                ? Map.of()
                : recipients.resolve(requests.stream().map(MessageRequest::recipient).distinct().toList());
        List<String> numbers = store.registrationNumbers(requests.size(), now.atZone(DailyQuota.PORTAL_ZONE).getYear());
        List<SentMessages.Row> rows = new ArrayList<>(requests.size());
        List<NewMessage> deliveries = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            MessageRequest request = requests.get(i);
            UUID id = UUID.randomUUID();
            Recipients.Resolution resolution = caller.test() ? null : found.get(request.recipient());
            UUID account = resolution == null ? null : resolution.account();
            SentMessage sent;
            if (caller.test() || account != null) {
                sent = new SentMessage(id, caller.systemId(), numbers.get(i), caller.test(), mask(request.recipient()),
                        "delivered", null, now, now, null, null);
            } else {
                String reason = resolution == null || resolution.refusal() == null
                        ? "no-such-citizen" : resolution.refusal().name().toLowerCase().replace('_', '-');
                sent = new SentMessage(id, caller.systemId(), numbers.get(i), false, mask(request.recipient()),
                        "undeliverable", reason, now, null, null, now);
            }
            rows.add(new SentMessages.Row(sent, caller.agencyId(), request.recipient().by().name(), account,
                    request.category()));
            if (account != null) {
                deliveries.add(newMessage(caller, request, id, account, numbers.get(i), files.get(i), now));
            }
        }
        store.insertAll(rows);
        if (!deliveries.isEmpty()) {
            mailbox.deliverAll(deliveries);
            // Announced by the channels each citizen chose for the category, in this same transaction.
            notifications.announce(deliveries.stream().map(d -> new DeliveredMessage(d.id(), d.account(), d.category(),
                    d.subject(), d.agencyName(), caller.systemId())).toList());
        }
        List<SentMessage> sent = rows.stream().map(SentMessages.Row::message).toList();
        callbacks.messageStatuses(caller.systemId(), sent.stream().map(GatewayMessages::status).toList());
        quota.count(caller, requests.size(), now);
        audit.record(AuditEntry.of("agency-system:" + caller.clientId(), "gateway.messages.accepted",
                        "system:" + caller.systemId(), AuditOutcome.SUCCESS)
                .with("messages", Integer.toString(sent.size()))
                .with("delivered", Long.toString(deliveries.size()))
                .with("sandbox", Boolean.toString(caller.test()))
                .with("first", sent.getFirst().registrationNumber())
                .with("last", sent.getLast().registrationNumber()));
        return sent;
    }

    /** The citizen opened the message: its sender now sees «read», and hears of it if it asked to. */
    @ApplicationModuleListener
    void on(MessageRead read) {
        store.markRead(read.messageId(), read.at()).ifPresent(systemId -> callbacks.messageStatuses(systemId,
                List.of(new CallbackOutbox.MessageStatus(read.messageId(), "read", null, read.at(), false))));
    }

    private static CallbackOutbox.MessageStatus status(SentMessage m) {
        return new CallbackOutbox.MessageStatus(m.id(), m.status(), m.reason(), m.statusAt(), m.sandbox());
    }

    private List<List<AcceptedFile>> checkFiles(List<MessageRequest> requests, List<String> paths) {
        List<Violation> violations = new ArrayList<>();
        List<List<AcceptedFile>> accepted = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            MessageRequest request = requests.get(i);
            if (request.attachments().isEmpty()) {
                accepted.add(List.of());
                continue;
            }
            try {
                accepted.add(attachments.acceptAll(request.attachments()));
            } catch (AttachmentsRefused refused) {
                String base = paths.get(i).isEmpty() ? "attachments" : paths.get(i) + ".attachments";
                for (AttachmentsRefused.Problem problem : refused.problems()) {
                    violations.add(new Violation(base + "[" + problem.index() + "]", problem.reason().code(),
                            problem.fileName()));
                }
                accepted.add(List.of());
            }
        }
        if (!violations.isEmpty()) {
            throw new MessagesRefused(violations);
        }
        return accepted;
    }

    private NewMessage newMessage(ApiCaller caller, MessageRequest request, UUID id, UUID account, String number,
            List<AcceptedFile> files, Instant now) {
        String safeHtml = null;
        String text = request.bodyText();
        if (request.bodyHtml() != null) {
            String[] safe = html.sanitise(request.bodyHtml());
            safeHtml = safe[0];
            text = safe[1];
        }
        return new NewMessage(id, account, caller.agencyId(), caller.agencyName(), request.category(), request.subject(),
                text, safeHtml, request.applicationRef(), request.dueDate(), request.priority(), number, files, now);
    }

    /** The sender named the citizen; the status shows only enough to tell its messages apart. */
    static String mask(Recipients.Key key) {
        String v = key.value();
        return switch (key.by()) {
            case SNILS -> v.substring(0, 3) + "-***-*** " + v.substring(9);
            case INN -> v.substring(0, 2) + "********" + v.substring(10);
            case ACCOUNT_ID -> v;
        };
    }
}
