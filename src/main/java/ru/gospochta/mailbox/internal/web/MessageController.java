package ru.gospochta.mailbox.internal.web;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.mailbox.internal.messages.DownloadedFile;
import ru.gospochta.mailbox.internal.messages.Folder;
import ru.gospochta.mailbox.internal.messages.Mailbox;
import ru.gospochta.mailbox.internal.messages.OpenedMessage;

/**
 * One message (MBX-1): its page with sender agency, category, related application, due date,
 * body and files; the HTML body on an address of its own under a sandbox policy, shown in a
 * sandboxed frame so its markup can never act on the page; the files' downloads; and the actions
 * read/unread, flag and move. Actions are plain forms that answer with a redirect.
 */
@Controller
@RequestMapping("/cabinet/mailbox/messages/{id}")
class MessageController {

    /** The body frame: no script, nothing loaded from anywhere, links open outside the frame. */
    static final String BODY_POLICY = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; "
            + "img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    private final Mailbox mailbox;
    private final FolderNames folderNames;

    MessageController(Mailbox mailbox, FolderNames folderNames) {
        this.mailbox = mailbox;
        this.folderNames = folderNames;
    }

    @GetMapping
    String message(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID id, HttpServletRequest request,
            Model model) {
        OpenedMessage message = mailbox.open(me.accountId(), id, request.getRemoteAddr());
        model.addAttribute("message", message);
        model.addAttribute("m", message.row());
        model.addAttribute("folders", mailbox.folders(me.accountId()));
        model.addAttribute("currentId", message.folder().id());
        return "mailbox/message";
    }

    @GetMapping(value = "/body", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String body(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID id, HttpServletResponse response) {
        String html = mailbox.html(me.accountId(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        response.setHeader("Content-Security-Policy", BODY_POLICY);
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Cache-Control", "no-store");
        return BodyDocument.of(html);
    }

    @GetMapping("/attachments/{attachmentId}")
    void download(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID id, @PathVariable UUID attachmentId,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        DownloadedFile file = mailbox.download(me.accountId(), id, attachmentId, request.getRemoteAddr());
        Downloads.send(file, response);
    }

    @PostMapping("/read")
    String markRead(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID id, HttpServletRequest request,
            Model model) {
        mailbox.markRead(me.accountId(), id, true, request.getRemoteAddr());
        if (Requests.fromHtmx(request)) {
            model.addAttribute("m", mailbox.row(me.accountId(), id));
            return "mailbox/parts :: row";
        }
        return "redirect:/cabinet/mailbox/folders/" + mailbox.row(me.accountId(), id).folderId();
    }

    /** Back to the folder: the message page itself would mark it read again. */
    @PostMapping("/unread")
    String markUnread(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID id, HttpServletRequest request,
            RedirectAttributes flash) {
        mailbox.markRead(me.accountId(), id, false, request.getRemoteAddr());
        flash.addFlashAttribute("notice", "mailbox.notice.unread");
        return "redirect:/cabinet/mailbox/folders/" + mailbox.row(me.accountId(), id).folderId();
    }

    @PostMapping("/flag")
    String flag(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID id,
            @RequestParam(defaultValue = "true") boolean flagged, HttpServletRequest request, RedirectAttributes flash) {
        mailbox.flag(me.accountId(), id, flagged, request.getRemoteAddr());
        flash.addFlashAttribute("notice", flagged ? "mailbox.notice.flagged" : "mailbox.notice.unflagged");
        return "redirect:/cabinet/mailbox/messages/" + id;
    }

    @PostMapping("/move")
    String move(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID id, @RequestParam UUID folder,
            HttpServletRequest request, RedirectAttributes flash) {
        Folder target = mailbox.move(me.accountId(), id, folder, request.getRemoteAddr());
        flash.addFlashAttribute("notice", "mailbox.notice.moved");
        flash.addFlashAttribute("noticeName", folderNames.of(target, RequestContextUtils.getLocale(request)));
        return "redirect:/cabinet/mailbox/messages/" + id;
    }
}
