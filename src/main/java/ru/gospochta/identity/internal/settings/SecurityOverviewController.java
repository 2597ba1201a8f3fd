package ru.gospochta.identity.internal.settings;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.identity.CitizenPrincipal;

/** «Настройки безопасности»: the overview, sign-in alerts and the list of sessions (ACC-6). */
@Controller
@RequestMapping("/security")
class SecurityOverviewController {

    private final SecuritySettings settings;

    SecurityOverviewController(SecuritySettings settings) {
        this.settings = settings;
    }

    @GetMapping
    String overview(@AuthenticationPrincipal CitizenPrincipal me, HttpServletRequest request, Model model) {
        model.addAttribute("overview", settings.overview(me, WebRequests.sessionId(request)));
        return "identity/security/overview";
    }

    @PostMapping("/sign-in-alerts")
    String signInAlerts(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam boolean enabled,
            HttpServletRequest request, RedirectAttributes redirect) {
        settings.signInAlerts(me, enabled, WebRequests.sourceIp(request));
        redirect.addFlashAttribute("notice", enabled ? "security.notice.alerts-on" : "security.notice.alerts-off");
        return "redirect:/security";
    }

    @PostMapping("/sessions/end")
    String endSession(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam String session,
            HttpServletRequest request, RedirectAttributes redirect) {
        boolean ended = settings.endSession(me, session, WebRequests.sessionId(request), WebRequests.sourceIp(request));
        redirect.addFlashAttribute("notice", ended ? "security.notice.session-ended" : "security.notice.session-gone");
        return "redirect:/security#sessions";
    }

    @PostMapping("/sessions/end-others")
    String endOtherSessions(@AuthenticationPrincipal CitizenPrincipal me, HttpServletRequest request,
            RedirectAttributes redirect) {
        int ended = settings.endOtherSessions(me, WebRequests.sessionId(request), WebRequests.sourceIp(request));
        redirect.addFlashAttribute("notice", "security.notice.others-ended");
        redirect.addFlashAttribute("noticeCount", ended);
        return "redirect:/security#sessions";
    }
}
