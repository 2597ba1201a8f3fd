package ru.gospochta.identity.internal.web;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.RequestContextUtils;

import jakarta.servlet.http.HttpServletRequest;

import ru.gospochta.identity.CabinetNotices;
import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.recovery.PasswordAge;

/**
 * The citizen's personal account home. For now it shows who is signed in and the account's state;
 * the mailbox takes this page over when it lands. Other modules add banners through
 * {@link CabinetNotices}.
 */
@Controller
class CabinetController {

    private final Accounts accounts;
    private final PasswordAge passwordAge;
    private final ObjectProvider<CabinetNotices> notices;
    private final Clock clock;

    CabinetController(Accounts accounts, PasswordAge passwordAge, ObjectProvider<CabinetNotices> notices, Clock clock) {
        this.accounts = accounts;
        this.passwordAge = passwordAge;
        this.notices = notices;
        this.clock = clock;
    }

    @GetMapping("/cabinet")
    String cabinet(@AuthenticationPrincipal CitizenPrincipal me, HttpServletRequest request, Model model) {
        Account account = accounts.byId(me.accountId()).orElseThrow();
        model.addAttribute("account", account);
        model.addAttribute("maskedPhone", PhoneNumber.parse(account.phone()).masked());
        model.addAttribute("passwordDue", passwordAge.dueForChange(account, clock));
        List<CabinetNotices.CabinetNotice> shown = notices.orderedStream()
                .flatMap(n -> n.noticesFor(account.id(), RequestContextUtils.getLocale(request)).stream()).toList();
        model.addAttribute("notices", shown);
        return "identity/web/cabinet";
    }
}
