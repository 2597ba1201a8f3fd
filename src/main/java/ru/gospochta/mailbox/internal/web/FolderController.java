package ru.gospochta.mailbox.internal.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.mailbox.internal.messages.Folder;
import ru.gospochta.mailbox.internal.messages.FolderRefused;
import ru.gospochta.mailbox.internal.messages.Mailbox;
import ru.gospochta.mailbox.internal.messages.MailboxFolders;

/**
 * «Папки»: the citizen's own folders — create, rename, and delete after a «Да» / «Отмена» question,
 * which says that the folder's messages go back to «Входящие».
 */
@Controller
@RequestMapping("/cabinet/mailbox/folders")
class FolderController {

    private final Mailbox mailbox;
    private final MailboxFolders folders;

    FolderController(Mailbox mailbox, MailboxFolders folders) {
        this.mailbox = mailbox;
        this.folders = folders;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        model.addAttribute("folders", mailbox.folders(me.accountId()));
        return "mailbox/folders";
    }

    @PostMapping
    String create(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(defaultValue = "") String name,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash) {
        try {
            Folder created = folders.create(me.accountId(), name, request.getRemoteAddr());
            flash.addFlashAttribute("notice", "mailbox.folders.created");
            flash.addFlashAttribute("noticeName", created.name());
            return "redirect:/cabinet/mailbox/folders";
        } catch (FolderRefused refused) {
            return refused(refused, name, null, me, response, model);
        }
    }

    @PostMapping("/{folderId}/rename")
    String rename(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID folderId,
            @RequestParam(defaultValue = "") String name, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes flash) {
        try {
            String renamed = folders.rename(me.accountId(), folderId, name, request.getRemoteAddr());
            flash.addFlashAttribute("notice", "mailbox.folders.renamed");
            flash.addFlashAttribute("noticeName", renamed);
            return "redirect:/cabinet/mailbox/folders";
        } catch (FolderRefused refused) {
            return refused(refused, name, folderId, me, response, model);
        }
    }

    @GetMapping("/{folderId}/delete")
    String deleteQuestion(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID folderId, Model model) {
        model.addAttribute("folder", folders.own(me.accountId(), folderId));
        return "mailbox/folder-delete";
    }

    @PostMapping("/{folderId}/delete")
    String delete(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID folderId, HttpServletRequest request,
            RedirectAttributes flash) {
        String name = folders.own(me.accountId(), folderId).name();
        long moved = folders.delete(me.accountId(), folderId, request.getRemoteAddr());
        flash.addFlashAttribute("notice", moved > 0 ? "mailbox.folders.deleted-moved" : "mailbox.folders.deleted");
        flash.addFlashAttribute("noticeName", name);
        flash.addFlashAttribute("noticeCount", moved);
        return "redirect:/cabinet/mailbox/folders";
    }

    private String refused(FolderRefused refused, String name, @Nullable UUID folderId, CitizenPrincipal me,
            HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("problem", refused.code());
        model.addAttribute("typed", name);
        model.addAttribute("problemFolder", folderId);
        return list(me, model);
    }
}
