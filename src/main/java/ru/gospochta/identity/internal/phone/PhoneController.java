package ru.gospochta.identity.internal.phone;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.internal.account.Account;

/**
 * The pages of a number change under «Контактные данные» (CNT-5): re-check, «Нет доступа к старому
 * номеру», the new number, its SMS code; and removing the backup phone. The same pages serve the
 * main phone ({@code /change}) and the backup phone ({@code /backup}). Each step finds the change
 * in the session and sends the person back to the re-check when it is not there or has run out.
 * Every step that sends an SMS answers with a redirect, so a reload sends nothing.
 */
@Controller
@RequestMapping("/cabinet/contacts/phone")
class PhoneController {

    private static final String KIND = "/{kind:change|backup}";
    private static final String BASE = "/cabinet/contacts/phone/";

    private final PhoneChanges changes;
    private final MessageSource messages;
    private final Clock clock;

    PhoneController(PhoneChanges changes, MessageSource messages, Clock clock) {
        this.changes = changes;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping(KIND)
    String recheckPage(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String kind, Model model) {
        Account account = changes.account(me.accountId());
        model.addAttribute("kind", kind(kind).path());
        model.addAttribute("phone", PhoneChanges.masked(account.phone()));
        return "identity/phone/recheck";
    }

    @PostMapping(KIND + "/code")
    String sendRecheckCode(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String kind, Locale locale,
            RedirectAttributes flash) {
        try {
            changes.sendRecheckCode(changes.account(me.accountId()), locale);
            flash.addFlashAttribute("codeSent", true);
        } catch (PhoneRefused refused) {
            flash.addFlashAttribute("problems", refused.explanations());
        }
        return "redirect:" + BASE + kind(kind).path();
    }

    @PostMapping(KIND)
    String recheck(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String kind,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        PhoneKind chosen = kind(kind);
        Account account = changes.account(me.accountId());
        try {
            PhoneFlow flow = changes.recheckBySms(account, chosen, capped(password), capped(code), request.getRemoteAddr(), locale);
            request.getSession().setAttribute(PhoneFlow.SESSION_ATTRIBUTE, flow);
            return "redirect:" + BASE + chosen.path() + "/number";
        } catch (PhoneRefused refused) {
            refusedPage(refused, model, response);
            return recheckPage(me, kind, model);
        }
    }

    /** «Нет доступа к старому номеру»: a TOTP or backup code instead, or the way through support. */
    @GetMapping(KIND + "/no-access")
    String noAccessPage(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String kind, Model model) {
        Account account = changes.account(me.accountId());
        model.addAttribute("kind", kind(kind).path());
        model.addAttribute("hasFactor", changes.hasFactorWithoutPhone(account));
        model.addAttribute("hasTotp", account.hasTotp());
        return "identity/phone/no-access";
    }

    @PostMapping(KIND + "/no-access")
    String recheckWithoutPhone(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String kind,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        PhoneKind chosen = kind(kind);
        Account account = changes.account(me.accountId());
        if (!changes.hasFactorWithoutPhone(account)) {
            return "redirect:" + BASE + chosen.path() + "/no-access";
        }
        try {
            PhoneFlow flow = changes.recheckWithoutPhone(account, chosen, capped(password), capped(code),
                    request.getRemoteAddr(), locale);
            request.getSession().setAttribute(PhoneFlow.SESSION_ATTRIBUTE, flow);
            return "redirect:" + BASE + chosen.path() + "/number";
        } catch (PhoneRefused refused) {
            refusedPage(refused, model, response);
            return noAccessPage(me, kind, model);
        }
    }

    @GetMapping(KIND + "/number")
    String numberPage(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String kind, HttpSession session,
            Locale locale, Model model, RedirectAttributes flash) {
        PhoneKind chosen = kind(kind);
        if (open(session, me, chosen).isEmpty()) {
            return startAgain(session, me, chosen, locale, flash);
        }
        model.addAttribute("kind", chosen.path());
        model.addAttribute("hasBackup", changes.backupPhone(me.accountId()).isPresent());
        return "identity/phone/number";
    }

    @PostMapping(KIND + "/number")
    String chooseNumber(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String kind,
            @RequestParam(defaultValue = "") String number, HttpServletRequest request, HttpServletResponse response,
            Locale locale, Model model, RedirectAttributes flash) {
        PhoneKind chosen = kind(kind);
        HttpSession session = request.getSession();
        Optional<PhoneFlow> flow = open(session, me, chosen);
        if (flow.isEmpty()) {
            return startAgain(session, me, chosen, locale, flash);
        }
        try {
            session.setAttribute(PhoneFlow.SESSION_ATTRIBUTE, changes.chooseNumber(changes.account(me.accountId()),
                    flow.get(), number, request.getRemoteAddr(), locale));
            return "redirect:" + BASE + chosen.path() + "/confirm";
        } catch (PhoneRefused refused) {
            refusedPage(refused, model, response);
            model.addAttribute("number", capped(number));
            return numberPage(me, kind, session, locale, model, flash);
        }
    }

    @GetMapping(KIND + "/confirm")
    String confirmPage(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String kind, HttpSession session,
            Locale locale, Model model, RedirectAttributes flash) {
        PhoneKind chosen = kind(kind);
        Optional<PhoneFlow> flow = open(session, me, chosen);
        if (flow.isEmpty()) {
            return startAgain(session, me, chosen, locale, flash);
        }
        String target = flow.get().newPhone();
        if (target == null) {
            return "redirect:" + BASE + chosen.path() + "/number";
        }
        model.addAttribute("kind", chosen.path());
        model.addAttribute("target", PhoneChanges.masked(target));
        model.addAttribute("resendIn", flow.get().secondsUntilResend(clock.instant()));
        return "identity/phone/confirm";
    }

    @PostMapping(KIND + "/confirm")
    String confirm(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String kind,
            @RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
            Locale locale, Model model, RedirectAttributes flash) {
        PhoneKind chosen = kind(kind);
        HttpSession session = request.getSession();
        Optional<PhoneFlow> flow = open(session, me, chosen);
        if (flow.isEmpty() || flow.get().newPhone() == null) {
            return confirmPage(me, kind, session, locale, model, flash);
        }
        try {
            PhoneChanges.Outcome outcome = changes.confirm(changes.account(me.accountId()), flow.get(), capped(code),
                    request.getRemoteAddr(), locale);
            session.removeAttribute(PhoneFlow.SESSION_ATTRIBUTE);
            flash.addFlashAttribute("phoneNotice", switch (outcome) {
                case PHONE_CHANGED -> "phone.notice.changed";
                case BACKUP_BECAME_MAIN -> "phone.notice.changed-from-backup";
                case BACKUP_SET -> "phone.notice.backup-set";
            });
            return "redirect:/cabinet/contacts";
        } catch (PhoneRefused refused) {
            refusedPage(refused, model, response);
            return confirmPage(me, kind, session, locale, model, flash);
        }
    }

    @PostMapping(KIND + "/resend")
    String resend(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String kind, HttpServletRequest request,
            Locale locale, RedirectAttributes flash) {
        PhoneKind chosen = kind(kind);
        HttpSession session = request.getSession();
        Optional<PhoneFlow> flow = open(session, me, chosen);
        if (flow.isEmpty() || flow.get().newPhone() == null) {
            return startAgain(session, me, chosen, locale, flash);
        }
        try {
            session.setAttribute(PhoneFlow.SESSION_ATTRIBUTE,
                    changes.resend(changes.account(me.accountId()), flow.get(), request.getRemoteAddr(), locale));
            flash.addFlashAttribute("resent", true);
        } catch (PhoneRefused refused) {
            flash.addFlashAttribute("problems", refused.explanations());
        }
        return "redirect:" + BASE + chosen.path() + "/confirm";
    }

    /** «Удалить» beside the backup phone: the password in a «Да» / «Отмена» dialog. */
    @GetMapping("/backup/delete")
    String deleteDialog(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        Optional<String> backup = changes.backupPhone(me.accountId());
        if (backup.isEmpty()) {
            return "redirect:/cabinet/contacts";
        }
        model.addAttribute("backupPhone", PhoneChanges.masked(backup.get()));
        return "identity/phone/delete";
    }

    @PostMapping("/backup/delete")
    String delete(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model,
            RedirectAttributes flash) {
        try {
            if (changes.removeBackup(changes.account(me.accountId()), capped(password), request.getRemoteAddr(), locale)) {
                flash.addFlashAttribute("phoneNotice", "phone.notice.backup-removed");
            }
            return "redirect:/cabinet/contacts";
        } catch (PhoneRefused refused) {
            refusedPage(refused, model, response);
            return deleteDialog(me, model);
        }
    }

    /** The change under way in this session, when it is this person's, of this kind, and still open. */
    private Optional<PhoneFlow> open(HttpSession session, CitizenPrincipal me, PhoneKind kind) {
        return Optional.ofNullable(session.getAttribute(PhoneFlow.SESSION_ATTRIBUTE))
                .filter(PhoneFlow.class::isInstance).map(PhoneFlow.class::cast)
                .filter(flow -> flow.opens(me.accountId(), kind, clock.instant()));
    }

    /** Back to the re-check, told why when a change of this person ran out of time. */
    private String startAgain(HttpSession session, CitizenPrincipal me, PhoneKind kind, Locale locale,
            RedirectAttributes flash) {
        if (session.getAttribute(PhoneFlow.SESSION_ATTRIBUTE) instanceof PhoneFlow stale
                && stale.accountId().equals(me.accountId()) && stale.kind() == kind
                && !clock.instant().isBefore(stale.openUntil())) {
            session.removeAttribute(PhoneFlow.SESSION_ATTRIBUTE);
            flash.addFlashAttribute("problems", List.of(messages.getMessage("phone.refused.expired", null, locale)));
        }
        return "redirect:" + BASE + kind.path();
    }

    private static void refusedPage(PhoneRefused refused, Model model, HttpServletResponse response) {
        model.addAttribute("problems", refused.explanations());
        response.setStatus(refused.mustWait() ? HttpStatus.TOO_MANY_REQUESTS.value() : HttpStatus.UNPROCESSABLE_ENTITY.value());
    }

    private static PhoneKind kind(String path) {
        return PhoneKind.ofPath(path).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String capped(String typed) {
        return typed.length() > PhoneChanges.MAX_TYPED ? "" : typed;
    }
}
