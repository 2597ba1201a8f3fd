package ru.gospochta.identity.internal.web;

import java.time.Clock;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.recovery.PasswordAge;

/**
 * The citizen's personal account home. For now it shows who is signed in and the account's state;
 * the mailbox takes this page over when it lands.
 */
@Controller
class CabinetController {

    private final Accounts accounts;
    private final PasswordAge passwordAge;
    private final Clock clock;

    CabinetController(Accounts accounts, PasswordAge passwordAge, Clock clock) {
        this.accounts = accounts;
        this.passwordAge = passwordAge;
        this.clock = clock;
    }

    @GetMapping("/cabinet")
    String cabinet(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        Account account = accounts.byId(me.accountId()).orElseThrow();
        model.addAttribute("account", account);
        model.addAttribute("maskedPhone", PhoneNumber.parse(account.phone()).masked());
        model.addAttribute("passwordDue", passwordAge.dueForChange(account, clock));
        return "identity/web/cabinet";
    }
}
