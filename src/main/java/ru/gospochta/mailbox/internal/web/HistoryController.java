package ru.gospochta.mailbox.internal.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.mailbox.internal.messages.Cursor;
import ru.gospochta.mailbox.internal.messages.Direction;
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
    String history(@AuthenticationPrincipal CitizenPrincipal me,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable Direction direction,
            @RequestParam(required = false) @Nullable ReadState state,
            @RequestParam(required = false) @Nullable String category, @RequestParam(required = false) @Nullable UUID agency,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String after,
            Model model) {
        MessageFilter filter = new MessageFilter(null, from, to, direction, state, category, agency, q);
        Cursor cursor = Requests.cursor(after);
        model.addAttribute("filter", filter);
        model.addAttribute("continued", cursor != null);
        model.addAttribute("categories", CATEGORIES);
        model.addAttribute("directions", Direction.values());
        model.addAttribute("states", ReadState.values());
        model.addAttribute("agencies", mailbox.agencies(me.accountId()));
        model.addAttribute("folders", mailbox.folders(me.accountId()));
        rows(me, filter, cursor, model);
        return "mailbox/history";
    }

    @GetMapping("/rows")
    String moreRows(@AuthenticationPrincipal CitizenPrincipal me,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable Direction direction,
            @RequestParam(required = false) @Nullable ReadState state,
            @RequestParam(required = false) @Nullable String category, @RequestParam(required = false) @Nullable UUID agency,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String after,
            Model model) {
        rows(me, new MessageFilter(null, from, to, direction, state, category, agency, q), Requests.cursor(after), model);
        return "mailbox/history :: rows";
    }

    private void rows(CitizenPrincipal me, MessageFilter filter, @Nullable Cursor cursor, Model model) {
        Page<MessageRow> page = mailbox.list(me.accountId(), filter, cursor);
        model.addAttribute("page", page);
        if (page.next() != null) {
            model.addAttribute("moreHref", link("/cabinet/mailbox/history", filter, page.next()));
            model.addAttribute("moreRows", link("/cabinet/mailbox/history/rows", filter, page.next()));
        }
    }

    /** The same filter, continued after the cursor. */
    static String link(String path, MessageFilter filter, Cursor next) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        if (filter.from() != null) {
            link.queryParam("from", filter.from());
        }
        if (filter.to() != null) {
            link.queryParam("to", filter.to());
        }
        if (filter.direction() != null) {
            link.queryParam("direction", filter.direction());
        }
        if (filter.state() != null) {
            link.queryParam("state", filter.state());
        }
        if (filter.category() != null) {
            link.queryParam("category", filter.category());
        }
        if (filter.agency() != null) {
            link.queryParam("agency", filter.agency());
        }
        if (filter.query() != null) {
            link.queryParam("q", filter.query());
        }
        return link.queryParam("after", next).encode().build().toUriString();
    }
}
