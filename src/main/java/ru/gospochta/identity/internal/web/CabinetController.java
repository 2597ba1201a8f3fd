package ru.gospochta.identity.internal.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.RequestContextUtils;

import jakarta.servlet.http.HttpServletRequest;

import ru.gospochta.identity.CabinetCards;
import ru.gospochta.identity.CabinetNotices;
import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.recovery.PasswordAge;

/**
 * The citizen's personal account home: who is signed in, the account's state, and a card for each
 * section. Other modules add banners through {@link CabinetNotices} and their sections (the mailbox
 * first of all) through {@link CabinetCards}.
 */
@Controller
class CabinetController {

    private final Accounts accounts;
    private final PasswordAge passwordAge;
    private final ObjectProvider<CabinetNotices> notices;
    private final ObjectProvider<CabinetCards> cards;
    private final Clock clock;

    CabinetController(Accounts accounts, PasswordAge passwordAge, ObjectProvider<CabinetNotices> notices,
            ObjectProvider<CabinetCards> cards, Clock clock) {
        this.accounts = accounts;
        this.passwordAge = passwordAge;
        this.notices = notices;
        this.cards = cards;
        this.clock = clock;
    }

    @GetMapping("/cabinet")
    String cabinet(@AuthenticationPrincipal CitizenPrincipal me, HttpServletRequest request, Model model) {
        Account account = accounts.byId(me.accountId()).orElseThrow();
        model.addAttribute("account", account);
        model.addAttribute("maskedPhone", PhoneNumber.parse(account.phone()).masked());
        model.addAttribute("passwordDue", passwordAge.dueForChange(account, clock));
        Locale locale = RequestContextUtils.getLocale(request);
        List<CabinetNotices.CabinetNotice> shown = notices.orderedStream()
                .flatMap(n -> n.noticesFor(account.id(), locale).stream()).toList();
        model.addAttribute("notices", shown);
        model.addAttribute("cards", cards.orderedStream().flatMap(c -> c.cardsFor(account.id(), locale).stream()).toList());
        return "identity/web/cabinet";
    }
}
