package ru.gospochta.identity.internal.settings;

import java.util.Locale;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.factors.BackupCodes;

/**
 * «Двухэтапная проверка» (ACC-3, ACC-6): on with a TOTP app or SMS, off, and new backup codes.
 * Backup codes are rendered straight into the answer to the form that made them — never put in
 * the session or a redirect — so they exist on exactly one page, once.
 */
@Controller
@RequestMapping("/security")
class TwoStepController {

    /** The sealed key being enrolled, until the app proves it has it. */
    static final String PENDING_KEY = "gospochta.security.pendingTotpKey";

    private final SecuritySettings settings;
    private final TwoStepSettings twoStep;
    private final RefusalMessages refusals;
    private final MessageSource messages;

    TwoStepController(SecuritySettings settings, TwoStepSettings twoStep, RefusalMessages refusals, MessageSource messages) {
        this.settings = settings;
        this.twoStep = twoStep;
        this.refusals = refusals;
        this.messages = messages;
    }

    @GetMapping("/two-step/totp")
    String totp(@AuthenticationPrincipal CitizenPrincipal me, HttpSession session, Locale locale, Model model) {
        Account account = settings.account(me);
        // The same key across reloads, so a code already scanned keeps working.
        if (!(session.getAttribute(PENDING_KEY) instanceof byte[])) {
            session.setAttribute(PENDING_KEY, twoStep.newPendingKey(account));
        }
        return totpPage(account, session, locale, model);
    }

    @PostMapping("/two-step/totp")
    String confirmTotp(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam String code, @RequestParam String password,
            HttpServletRequest request, HttpServletResponse response, HttpSession session, Locale locale, Model model) {
        Account account = settings.account(me);
        if (!(session.getAttribute(PENDING_KEY) instanceof byte[] pending)) {
            WebRequests.refused(SettingsRefused.because(SettingsRefused.Reason.ENROLMENT_GONE), refusals, locale, model, response);
            session.setAttribute(PENDING_KEY, twoStep.newPendingKey(account));
            return totpPage(account, session, locale, model);
        }
        try {
            BackupCodes.Issued issued = twoStep.confirmTotp(account, pending, code, password, WebRequests.sourceIp(request));
            session.removeAttribute(PENDING_KEY);
            return codesPage(issued, "security.codes.after-totp", model);
        } catch (SettingsRefused refused) {
            WebRequests.refused(refused, refusals, locale, model, response);
            return totpPage(account, session, locale, model);
        }
    }

    @GetMapping("/two-step/sms")
    String sms(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        model.addAttribute("status", settings.status(settings.account(me)));
        return "identity/security/sms";
    }

    @PostMapping("/two-step/sms/code")
    String sendSmsCode(@AuthenticationPrincipal CitizenPrincipal me, Locale locale, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return sendCode(me, locale, model, response, redirect, "/security/two-step/sms", "identity/security/sms");
    }

    @PostMapping("/two-step/sms")
    String confirmSms(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam String code, @RequestParam String password,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        Account account = settings.account(me);
        try {
            BackupCodes.Issued issued = twoStep.confirmSms(account, code, password, WebRequests.sourceIp(request));
            return codesPage(issued, "security.codes.after-sms", model);
        } catch (SettingsRefused refused) {
            WebRequests.refused(refused, refusals, locale, model, response);
            model.addAttribute("status", settings.status(account));
            return "identity/security/sms";
        }
    }

    @GetMapping("/two-step/off")
    String off(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        Account account = settings.account(me);
        if (!account.twoStepEnabled()) {
            return "redirect:/security";
        }
        model.addAttribute("status", settings.status(account));
        return "identity/security/off";
    }

    @PostMapping("/two-step/off/code")
    String sendOffCode(@AuthenticationPrincipal CitizenPrincipal me, Locale locale, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return sendCode(me, locale, model, response, redirect, "/security/two-step/off", "identity/security/off");
    }

    @PostMapping("/two-step/off")
    String turnOff(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam String password, @RequestParam String code,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model,
            RedirectAttributes redirect) {
        Account account = settings.account(me);
        try {
            twoStep.turnOff(account, password, code, WebRequests.sourceIp(request));
            redirect.addFlashAttribute("notice", "security.notice.two-step-off");
            return "redirect:/security";
        } catch (SettingsRefused refused) {
            WebRequests.refused(refused, refusals, locale, model, response);
            model.addAttribute("status", settings.status(account));
            return "identity/security/off";
        }
    }

    @GetMapping("/backup-codes")
    String backupCodes(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        model.addAttribute("status", settings.status(settings.account(me)));
        return "identity/security/backup-codes";
    }

    @PostMapping("/backup-codes")
    String regenerate(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam String password,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        Account account = settings.account(me);
        try {
            BackupCodes.Issued issued = twoStep.regenerateBackupCodes(account, password, WebRequests.sourceIp(request));
            return codesPage(issued, "security.codes.after-regenerate", model);
        } catch (SettingsRefused refused) {
            WebRequests.refused(refused, refusals, locale, model, response);
            model.addAttribute("status", settings.status(account));
            return "identity/security/backup-codes";
        }
    }

    private String sendCode(CitizenPrincipal me, Locale locale, Model model, HttpServletResponse response,
            RedirectAttributes redirect, String back, String page) {
        Account account = settings.account(me);
        try {
            twoStep.sendCode(account, locale);
            redirect.addFlashAttribute("codeSent", true);
            return "redirect:" + back;
        } catch (SettingsRefused refused) {
            WebRequests.refused(refused, refusals, locale, model, response);
            model.addAttribute("status", settings.status(account));
            return page;
        }
    }

    private String totpPage(Account account, HttpSession session, Locale locale, Model model) {
        byte[] pending = (byte[]) session.getAttribute(PENDING_KEY);
        String qrTitle = messages.getMessage("security.totp.qr-alt", null, locale);
        model.addAttribute("enrolment", twoStep.enrolment(account, Objects.requireNonNull(pending), qrTitle));
        model.addAttribute("status", settings.status(account));
        return "identity/security/totp";
    }

    private static String codesPage(BackupCodes.Issued issued, String lead, Model model) {
        model.addAttribute("codes", issued.displayed());
        model.addAttribute("lead", lead);
        return "identity/security/codes";
    }
}
