package ru.gospochta.mailbox.internal.web;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.mailbox.internal.messages.Cursor;
import ru.gospochta.mailbox.internal.messages.Direction;
import ru.gospochta.mailbox.internal.messages.HistoryView;
import ru.gospochta.mailbox.internal.messages.Mailbox;
import ru.gospochta.mailbox.internal.messages.MessageFilter;
import ru.gospochta.mailbox.internal.messages.MessageRow;
import ru.gospochta.mailbox.internal.messages.Page;
import ru.gospochta.mailbox.internal.messages.ReadState;

/**
 * «История сообщений» (MBX-2): every message of the mailbox in a table, filtered by period,
 * direction, read state, category and agency, with full-text search in Russian («заявления» finds
 * «заявление») over subjects, bodies and the text of attachments; newest first, «Ещё» for more.
 * The filters are a GET form, so a filtered history is a link that can be kept.
 */
@Controller
@RequestMapping("/cabinet/mailbox/history")
class HistoryController {

    /** The NTF-1 categories, in the order the filter offers them. */
    static final List<String> CATEGORIES = List.of("application-status", "deadlines", "personal-data", "documents-ready",
            "payments", "new-services", "security", "support");

    private final Mailbox mailbox;

    HistoryController(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping
    String history(@AuthenticationPrincipal CitizenPrincipal me, @ModelAttribute("form") HistoryForm form, Model model) {
        Cursor cursor = Requests.cursor(form.after());
        MessageFilter filter = form.filter();
        model.addAttribute("filter", filter);
        model.addAttribute("continued", cursor != null);
        model.addAttribute("categories", CATEGORIES);
        model.addAttribute("directions", Direction.values());
        model.addAttribute("states", ReadState.values());
        HistoryView view = mailbox.historyView(me.accountId(), filter, cursor);
        model.addAttribute("agencies", view.agencies());
        model.addAttribute("folders", view.folders());
        rows(filter, view.page(), model);
        return "mailbox/history";
    }

    @GetMapping("/rows")
    String moreRows(@AuthenticationPrincipal CitizenPrincipal me, @ModelAttribute("form") HistoryForm form, Model model) {
        MessageFilter filter = form.filter();
        rows(filter, mailbox.list(me.accountId(), filter, Requests.cursor(form.after())), model);
        return "mailbox/history :: rows";
    }

    private static void rows(MessageFilter filter, Page<MessageRow> page, Model model) {
        model.addAttribute("page", page);
        if (page.next() != null) {
            model.addAttribute("moreHref", HistoryForm.link("/cabinet/mailbox/history", filter, page.next()));
            model.addAttribute("moreRows", HistoryForm.link("/cabinet/mailbox/history/rows", filter, page.next()));
        }
    }
}
