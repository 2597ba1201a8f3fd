package ru.gospochta.mailbox.internal.messages;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.mailbox.MessageRead;
import ru.gospochta.mailbox.internal.MailboxProperties;
import ru.gospochta.mailbox.internal.crypto.Binding;
import ru.gospochta.mailbox.internal.crypto.DataKey;
import ru.gospochta.mailbox.internal.crypto.DataKeys;

/**
 * What a citizen does with their mail (MBX-1, MBX-2, MBX-4): lists, opening, files, read and flag
 * states, moving between folders. Every method takes the account of the signed-in citizen and
 * answers {@link NotInMailbox} for an id that is not theirs, exactly as for one that does not exist.
 */
@Service
public class Mailbox {

    private final Messages messages;
    private final Attachments attachments;
    private final Folders folders;
    private final DataKeys dataKeys;
    private final SealedFiles files;
    private final MailboxAudit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int pageSize;

    Mailbox(Messages messages, Attachments attachments, Folders folders, DataKeys dataKeys, SealedFiles files,
            MailboxAudit audit, ApplicationEventPublisher events, Clock clock, MailboxProperties properties) {
        this.messages = messages;
        this.attachments = attachments;
        this.folders = folders;
        this.dataKeys = dataKeys;
        this.files = files;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.pageSize = properties.pageSize();
    }

    @Transactional(readOnly = true)
    public List<Folder> folders(UUID account) {
        return folders.of(account);
    }

    @Transactional(readOnly = true)
    public Folder folder(UUID account, UUID id) {
        return folders.find(account, id).orElseThrow(() -> new NotInMailbox("folder", id));
    }

    @Transactional(readOnly = true)
    public long unread(UUID account) {
        return folders.unreadTotal(account);
    }

    /** A page of a folder or of the filtered history, newest first, after the cursor. */
    @Transactional(readOnly = true)
    public Page<MessageRow> list(UUID account, MessageFilter filter, @Nullable Cursor after) {
        if (filter.folder() != null) {
            folder(account, filter.folder());
        }
        return messages.list(account, filter, after, pageSize);
    }

    /**
     * A folder's page as the mailbox shows it: the folder list with its unread counts beside the
     * rows, in one transaction. The folder is taken from the list, which holds the system folders
     * and this account's own, so it is not looked up (and its count not taken) a second time.
     */
    @Transactional(readOnly = true)
    public FolderView folderView(UUID account, UUID folderId, @Nullable Cursor after) {
        List<Folder> all = folders.of(account);
        Folder folder = all.stream().filter(f -> f.id().equals(folderId)).findFirst()
                .orElseThrow(() -> new NotInMailbox("folder", folderId));
        return new FolderView(all, folder, messages.list(account, MessageFilter.inFolder(folderId), after, pageSize));
    }

    /** The history's page with what its filters offer (folders, agencies), in one transaction. */
    @Transactional(readOnly = true)
    public HistoryView historyView(UUID account, MessageFilter filter, @Nullable Cursor after) {
        List<Folder> all = folders.of(account);
        if (filter.folder() != null && all.stream().noneMatch(f -> f.id().equals(filter.folder()))) {
            throw new NotInMailbox("folder", filter.folder());
        }
        return new HistoryView(all, messages.agencies(account), messages.list(account, filter, after, pageSize));
    }

    @Transactional(readOnly = true)
    public MessageRow row(UUID account, UUID id) {
        return messages.row(account, id).orElseThrow(() -> new NotInMailbox("message", id));
    }

    @Transactional(readOnly = true)
    public List<Agency> agencies(UUID account) {
        return messages.agencies(account);
    }

    /**
     * Opens a message for reading: the body is unsealed, the opening is audited, and the first
     * opening ever marks it read and publishes {@link MessageRead} (the sender's «read» status).
     */
    @Transactional
    public OpenedMessage open(UUID account, UUID id, String sourceIp) {
        StoredMessage stored = messages.find(account, id).orElseThrow(() -> new NotInMailbox("message", id));
        DataKey key = dataKeys.key(account, stored.keyVersion());
        String text = new String(key.open(stored.sealedText(), Binding.bodyText(id)), StandardCharsets.UTF_8);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean first = messages.firstOpen(account, id, now);
        if (first) {
            events.publishEvent(new MessageRead(id, account, now));
        }
        audit.message(account, "message-opened", id, sourceIp, "first", Boolean.toString(first));
        MessageRow row = stored.row();
        MessageRow shown = new MessageRow(row.id(), row.direction(), row.folderId(), row.agencyId(), row.agencyName(),
                row.category(), row.subject(), row.deliveredAt(), true, row.flagged(), row.attachmentCount(), row.priority(),
                row.dueDate());
        return new OpenedMessage(shown, folder(account, row.folderId()), text, stored.sealedHtml() != null,
                stored.applicationRef(), stored.registrationNumber(), stored.sentAt(),
                stored.readAt() == null ? now : stored.readAt(), first ? now : stored.firstOpenedAt(),
                attachments.of(account, id));
    }

    /** The HTML body, unsealed, for the sandboxed frame of the message page; empty for a text message. */
    @Transactional(readOnly = true)
    public Optional<String> html(UUID account, UUID id) {
        StoredMessage stored = messages.find(account, id).orElseThrow(() -> new NotInMailbox("message", id));
        if (stored.sealedHtml() == null) {
            return Optional.empty();
        }
        DataKey key = dataKeys.key(account, stored.keyVersion());
        return Optional.of(new String(key.open(stored.sealedHtml(), Binding.bodyHtml(id)), StandardCharsets.UTF_8));
    }

    @Transactional
    public void markRead(UUID account, UUID id, boolean read, String sourceIp) {
        if (!messages.markRead(account, id, read ? clock.instant().truncatedTo(ChronoUnit.MICROS) : null)) {
            throw new NotInMailbox("message", id);
        }
        audit.message(account, read ? "message-marked-read" : "message-marked-unread", id, sourceIp);
    }

    @Transactional
    public void flag(UUID account, UUID id, boolean flagged, String sourceIp) {
        if (!messages.flag(account, id, flagged)) {
            throw new NotInMailbox("message", id);
        }
        audit.message(account, flagged ? "message-flagged" : "message-unflagged", id, sourceIp);
    }

    /** Moves the message into a system folder or one of the citizen's own. */
    @Transactional
    public Folder move(UUID account, UUID id, UUID folderId, String sourceIp) {
        row(account, id);
        Folder target = folder(account, folderId);
        messages.move(account, id, target.id());
        audit.message(account, "message-moved", id, sourceIp, "folder", target.id().toString());
        return target;
    }

    /** A file of a message, unsealed for download; the download is audited. */
    @Transactional
    public DownloadedFile download(UUID account, UUID message, UUID attachment, String sourceIp) {
        Attachments.Stored stored = attachments.find(account, message, attachment)
                .orElseThrow(() -> new NotInMailbox("attachment", attachment));
        DataKey key = dataKeys.key(account, stored.keyVersion());
        byte[] content = files.open(stored.blobKey(), key, Binding.attachment(message, attachment));
        audit.message(account, "attachment-downloaded", message, sourceIp, "attachment", attachment.toString());
        AttachmentInfo info = stored.info();
        return new DownloadedFile(info.fileName(), info.mediaType(), content);
    }

    /** «Мои документы»: every received file, newest first. */
    @Transactional(readOnly = true)
    public Page<DocumentRow> documents(UUID account, @Nullable Cursor after) {
        return attachments.documents(account, after, pageSize);
    }
}
