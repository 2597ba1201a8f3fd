package ru.gospochta.mailbox.internal.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.mailbox.internal.messages.Cursor;
import ru.gospochta.mailbox.internal.messages.Folder;
import ru.gospochta.mailbox.internal.messages.FolderKind;
import ru.gospochta.mailbox.internal.messages.FolderView;
import ru.gospochta.mailbox.internal.messages.Mailbox;
import ru.gospochta.mailbox.internal.messages.MessageFilter;
import ru.gospochta.mailbox.internal.messages.Page;
import ru.gospochta.mailbox.internal.messages.MessageRow;

/**
 * The mailbox (MBX-1): the folders with their unread counts beside the messages of one folder,
 * newest first, and «Ещё» for the next page (a link without JavaScript, rows added in place with
 * htmx). Open pages of the inbox take new mail as it arrives (MBX-10).
 */
@Controller
@RequestMapping("/cabinet/mailbox")
class MailboxController {

    private final Mailbox mailbox;

    MailboxController(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping
    String inbox(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(required = false) @Nullable String after,
            Model model) {
        return folder(me, FolderKind.INBOX.id(), after, model);
    }

    @GetMapping("/folders/{folderId}")
    String folder(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID folderId,
            @RequestParam(required = false) @Nullable String after, Model model) {
        Cursor cursor = Requests.cursor(after);
        FolderView view = mailbox.folderView(me.accountId(), folderId, cursor);
        model.addAttribute("folder", view.folder());
        model.addAttribute("folders", view.folders());
        model.addAttribute("continued", cursor != null);
        rows(view.folder(), view.page(), model);
        return "mailbox/folder";
    }

    /** The next rows of a folder, for htmx's «Ещё». */
    @GetMapping("/folders/{folderId}/rows")
    String moreRows(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID folderId,
            @RequestParam(required = false) @Nullable String after, Model model) {
        Folder folder = mailbox.folder(me.accountId(), folderId);
        rows(folder, mailbox.list(me.accountId(), MessageFilter.inFolder(folder.id()), Requests.cursor(after)), model);
        return "mailbox/parts :: rows";
    }

    /** The folder list alone, refreshed when new mail arrives. */
    @GetMapping("/nav")
    String nav(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(required = false) @Nullable UUID current,
            Model model) {
        model.addAttribute("folders", mailbox.folders(me.accountId()));
        model.addAttribute("currentId", current);
        return "mailbox/parts :: nav";
    }

    /** One row of a message, added on top of an open inbox when it arrives. */
    @GetMapping("/messages/{id}/row")
    String row(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID id, Model model) {
        model.addAttribute("m", mailbox.row(me.accountId(), id));
        return "mailbox/parts :: row";
    }

    private static void rows(Folder folder, Page<MessageRow> page, Model model) {
        String base = "/cabinet/mailbox/folders/" + folder.id();
        model.addAttribute("page", page);
        model.addAttribute("currentId", folder.id());
        if (page.next() != null) {
            model.addAttribute("moreHref", base + "?after=" + page.next());
            model.addAttribute("moreRows", base + "/rows?after=" + page.next());
        }
    }
}
