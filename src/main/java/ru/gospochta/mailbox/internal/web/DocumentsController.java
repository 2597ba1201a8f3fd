package ru.gospochta.mailbox.internal.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.mailbox.internal.messages.Cursor;
import ru.gospochta.mailbox.internal.messages.DocumentRow;
import ru.gospochta.mailbox.internal.messages.Mailbox;
import ru.gospochta.mailbox.internal.messages.Page;

/** «Мои документы» (MBX-4): every received file with its date, sender and type, newest first. */
@Controller
@RequestMapping("/cabinet/mailbox/documents")
class DocumentsController {

    private final Mailbox mailbox;

    DocumentsController(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping
    String documents(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(required = false) @Nullable String after,
            Model model) {
        Cursor cursor = Requests.cursor(after);
        model.addAttribute("folders", mailbox.folders(me.accountId()));
        model.addAttribute("continued", cursor != null);
        rows(me, cursor, model);
        return "mailbox/documents";
    }

    @GetMapping("/rows")
    String moreRows(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(required = false) @Nullable String after,
            Model model) {
        rows(me, Requests.cursor(after), model);
        return "mailbox/documents :: rows";
    }

    private void rows(CitizenPrincipal me, @Nullable Cursor cursor, Model model) {
        Page<DocumentRow> page = mailbox.documents(me.accountId(), cursor);
        model.addAttribute("page", page);
        if (page.next() != null) {
            model.addAttribute("moreHref", "/cabinet/mailbox/documents?after=" + page.next());
            model.addAttribute("moreRows", "/cabinet/mailbox/documents/rows?after=" + page.next());
        }
    }
}
