package ru.gospochta.identity.internal.settings;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.PasswordPolicy;
import ru.gospochta.identity.internal.account.Account;

/** «Смена пароля» (ACC-5) with the strength meter that follows the typing (ACC-4, UI-1). */
@Controller
@RequestMapping("/security/password")
class PasswordController {

    private final SecuritySettings settings;
    private final PasswordChange passwordChange;
    private final RefusalMessages refusals;

    PasswordController(SecuritySettings settings, PasswordChange passwordChange, RefusalMessages refusals) {
        this.settings = settings;
        this.passwordChange = passwordChange;
        this.refusals = refusals;
    }

    @GetMapping
    String form(Model model) {
        return page(model);
    }

    @PostMapping
    String change(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam String currentPassword,
            @RequestParam String newPassword, @RequestParam String repeatPassword, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model, RedirectAttributes redirect) {
        Account account = settings.account(me);
        try {
            int ended = passwordChange.change(account, currentPassword, newPassword, repeatPassword,
                    WebRequests.sessionId(request), WebRequests.sourceIp(request));
            redirect.addFlashAttribute("notice", "security.notice.password-changed");
            redirect.addFlashAttribute("noticeCount", ended);
            return "redirect:/security";
        } catch (SettingsRefused refused) {
            WebRequests.refused(refused, refusals, locale, model, response);
            return page(model);
        }
    }

    /** The meter's fragment for htmx; the password typed is measured, never echoed. */
    @PostMapping("/strength")
    String strength(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(defaultValue = "") String newPassword,
            Model model) {
        if (!newPassword.isEmpty()) {
            model.addAttribute("strength", passwordChange.strength(settings.account(me), newPassword));
        }
        model.addAttribute("recommendedLength", PasswordPolicy.RECOMMENDED_LENGTH);
        return "identity/security/password :: strength";
    }

    private static String page(Model model) {
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        model.addAttribute("recommendedLength", PasswordPolicy.RECOMMENDED_LENGTH);
        return "identity/security/password";
    }
}
