package ru.gospochta.mailbox.internal.messages;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The citizen's own folders (MBX-1): create, rename, delete; the system folders stay as they are. */
@Service
public class MailboxFolders {

    private final Folders folders;
    private final MailboxAudit audit;

    MailboxFolders(Folders folders, MailboxAudit audit) {
        this.folders = folders;
        this.audit = audit;
    }

    /** @throws FolderRefused naming why the name cannot be used */
    @Transactional
    public Folder create(UUID account, String name, String sourceIp) {
        Folder created = folders.create(account, name);
        audit.folder(account, "folder-created", created.id(), sourceIp);
        return created;
    }

    /** @return the name as kept: trimmed, inner runs of spaces made one */
    @Transactional
    public String rename(UUID account, UUID id, String typed, String sourceIp) {
        own(account, id);
        String name = Folders.checkedName(typed);
        if (!folders.rename(account, id, name)) {
            throw new NotInMailbox("folder", id);
        }
        audit.folder(account, "folder-renamed", id, sourceIp);
        return name;
    }

    /** Deletes an own folder; its messages go back to «Входящие». @return how many went back */
    @Transactional
    public long delete(UUID account, UUID id, String sourceIp) {
        long moved = folders.delete(account, id);
        if (moved < 0) {
            throw new NotInMailbox("folder", id);
        }
        audit.folder(account, "folder-deleted", id, sourceIp, "messagesBackToInbox", Long.toString(moved));
        return moved;
    }

    /** An own folder of the account, for its rename and delete pages. */
    @Transactional(readOnly = true)
    public Folder own(UUID account, UUID id) {
        return folders.find(account, id).filter(Folder::own).orElseThrow(() -> new NotInMailbox("folder", id));
    }
}
