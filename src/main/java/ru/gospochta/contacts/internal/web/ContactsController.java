package ru.gospochta.contacts.internal.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import ru.gospochta.contacts.EmailAddressRules;
import ru.gospochta.contacts.InvalidEmailAddress;
import ru.gospochta.contacts.internal.email.BindingRefused;
import ru.gospochta.contacts.internal.email.EmailAddresses;
import ru.gospochta.contacts.internal.email.EmailBinding;
import ru.gospochta.identity.ActionConfirmation;
import ru.gospochta.identity.ActionConfirmation.ActionNotConfirmed;
import ru.gospochta.identity.CitizenPrincipal;

/**
 * «Контактные данные»: the e-mail in force, adding or changing it after the person is re-checked
 * (password and SMS code, CNT-3), confirming it by the code or the link of the letter (CNT-2), and
 * deleting it with the password (CNT-4).
 */
@Controller
@RequestMapping("/cabinet/contacts")
class ContactsController {

    /** How long a re-check opens the address form. */
    static final Duration RECHECK_VALID = Duration.ofMinutes(10);
    static final String RECHECKED_UNTIL = "gospochta.contacts.recheckedUntil";

    private final EmailBinding binding;
    private final EmailAddresses addresses;
    private final EmailAddressRules rules;
    private final ActionConfirmation confirmation;
    private final ru.gospochta.identity.Waits waits;
    private final Clock clock;
    private final ru.gospochta.identity.CitizenPhones phones;

    ContactsController(EmailBinding binding, EmailAddresses addresses, EmailAddressRules rules,
            ActionConfirmation confirmation, ru.gospochta.identity.Waits waits, Clock clock,
            ru.gospochta.identity.CitizenPhones phones) {
        this.binding = binding;
        this.addresses = addresses;
        this.rules = rules;
        this.confirmation = confirmation;
        this.waits = waits;
        this.clock = clock;
        this.phones = phones;
    }

    @GetMapping
    String overview(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        model.addAttribute("phone", confirmation.maskedPhone(me.accountId()));
        model.addAttribute("backupPhone", phones.maskedBackupPhone(me.accountId()).orElse(null));
        model.addAttribute("email", addresses.inForce(me.accountId())
                .map(a -> new Shown(new ru.gospochta.contacts.EmailAddress(a.address()).unicode(), a.status().name(),
                        a.suspendedReason() == null ? "OTHER" : a.suspendedReason()))
                .orElse(null));
        model.addAttribute("waiting", binding.waiting(me.accountId()).map(EmailBinding.Waiting::address).orElse(null));
        return "contacts/overview";
    }

    /** An address as the page shows it; the reason matters only when it is suspended. */
    record Shown(String address, String status, String reason) {
    }

    /** «Подтвердить снова» for a suspended address (CNT-6): a new letter to it, then the usual code or link. */
    @PostMapping("/email/reconfirm")
    String reconfirm(@AuthenticationPrincipal CitizenPrincipal me, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        try {
            binding.reconfirm(me.accountId(), RequestContextUtils.getLocale(request));
            return "redirect:/cabinet/contacts/email/confirm";
        } catch (BindingRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problem", refused.code());
            return overview(me, model);
        }
    }

    @GetMapping("/email/recheck")
    String recheckForm(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        model.addAttribute("phone", confirmation.maskedPhone(me.accountId()));
        return "contacts/recheck";
    }

    /** Answers with a redirect, so reloading the page never sends another SMS. */
    @PostMapping("/email/recheck/code")
    String sendCode(@AuthenticationPrincipal CitizenPrincipal me, HttpServletRequest request, RedirectAttributes flash) {
        Locale locale = RequestContextUtils.getLocale(request);
        Optional<Duration> wait = confirmation.sendCode(me.accountId(), request.getRemoteAddr(), locale);
        wait.ifPresentOrElse(w -> flash.addFlashAttribute("smsWait", waits.inWords(w, locale)),
                () -> flash.addFlashAttribute("codeSent", true));
        return "redirect:/cabinet/contacts/email/recheck";
    }

    @PostMapping("/email/recheck")
    String recheck(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        try {
            confirmation.confirm(me.accountId(), password, code, RequestContextUtils.getLocale(request));
            request.getSession().setAttribute(RECHECKED_UNTIL, clock.instant().plus(RECHECK_VALID));
            return "redirect:/cabinet/contacts/email/new";
        } catch (ActionNotConfirmed refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", refused.explanations());
            return recheckForm(me, model);
        }
    }

    @GetMapping("/email/new")
    String addressForm(HttpSession session) {
        return rechecked(session) ? "contacts/new-address" : "redirect:/cabinet/contacts/email/recheck";
    }

    /** The hint under the address as it is typed (htmx). */
    @PostMapping("/email/check")
    String check(@RequestParam(defaultValue = "") String address, Model model) {
        model.addAttribute("problem", address.isBlank() ? null : rules.problem(address).orElse(null));
        return "contacts/new-address :: hint";
    }

    @PostMapping("/email/new")
    String addAddress(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(defaultValue = "") String address,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpSession session = request.getSession();
        if (!rechecked(session)) {
            return "redirect:/cabinet/contacts/email/recheck";
        }
        try {
            binding.start(me.accountId(), address, RequestContextUtils.getLocale(request));
            session.removeAttribute(RECHECKED_UNTIL);
            return "redirect:/cabinet/contacts/email/confirm";
        } catch (InvalidEmailAddress invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problem", invalid.code());
        } catch (BindingRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problem", refused.code());
        }
        model.addAttribute("address", address);
        return "contacts/new-address";
    }

    @GetMapping("/email/confirm")
    String confirmForm(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(required = false) String token,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (token != null) {
            try {
                binding.confirmByLink(me.accountId(), token, RequestContextUtils.getLocale(request));
                return "redirect:/cabinet/contacts?confirmed";
            } catch (BindingRefused refused) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                model.addAttribute("refusal", refused.code());
                model.addAttribute("refusalArg", "");
            }
        }
        Optional<EmailBinding.Waiting> waiting = binding.waiting(me.accountId());
        if (waiting.isEmpty() && token == null) {
            return "redirect:/cabinet/contacts";
        }
        model.addAttribute("waiting", waiting.orElse(null));
        model.addAttribute("resendIn", waiting.map(w -> Math.max(0, Math.ceilDiv(Duration.between(clock.instant(), w.resendAfter()).toMillis(), 1000)))
                .orElse(0L));
        return "contacts/confirm";
    }

    @PostMapping("/email/confirm")
    String confirmByCode(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            binding.confirmByCode(me.accountId(), code, RequestContextUtils.getLocale(request));
            return "redirect:/cabinet/contacts?confirmed";
        } catch (BindingRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("refusal", refused.code());
            model.addAttribute("refusalArg", refused.triesLeft());
            return confirmForm(me, null, request, response, model);
        }
    }

    /** Answers with a redirect, so reloading the page never sends another letter. */
    @PostMapping("/email/resend")
    String resend(@AuthenticationPrincipal CitizenPrincipal me, HttpServletRequest request, RedirectAttributes flash) {
        Locale locale = RequestContextUtils.getLocale(request);
        try {
            binding.resend(me.accountId(), locale);
            flash.addFlashAttribute("resent", true);
        } catch (BindingRefused refused) {
            flash.addFlashAttribute("refusal", refused.code());
            flash.addFlashAttribute("refusalArg", refused.retryAfter() == null ? "" : waits.inWords(refused.retryAfter(), locale));
        }
        return "redirect:/cabinet/contacts/email/confirm";
    }

    @GetMapping("/email/delete")
    String deleteDialog(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        Optional<EmailAddresses.Stored> inForce = addresses.inForce(me.accountId());
        if (inForce.isEmpty()) {
            return "redirect:/cabinet/contacts";
        }
        model.addAttribute("address", new ru.gospochta.contacts.EmailAddress(inForce.get().address()).unicode());
        return "contacts/delete";
    }

    @PostMapping("/email/delete")
    String delete(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            confirmation.confirmPassword(me.accountId(), password, RequestContextUtils.getLocale(request));
            binding.delete(me.accountId());
            return "redirect:/cabinet/contacts?deleted";
        } catch (ActionNotConfirmed refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", refused.explanations());
            return deleteDialog(me, model);
        }
    }

    private boolean rechecked(HttpSession session) {
        Object until = session.getAttribute(RECHECKED_UNTIL);
        return until instanceof Instant instant && clock.instant().isBefore(instant);
    }
}
