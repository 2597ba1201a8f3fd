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
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import ru.gospochta.contacts.EmailAddress;
import ru.gospochta.contacts.EmailAddressRules;
import ru.gospochta.contacts.InvalidEmailAddress;
import ru.gospochta.contacts.internal.email.BindingRefused;
import ru.gospochta.contacts.internal.email.EmailAddresses;
import ru.gospochta.contacts.internal.email.EmailAddresses.Kind;
import ru.gospochta.contacts.internal.email.EmailBinding;
import ru.gospochta.identity.ActionConfirmation;
import ru.gospochta.identity.ActionConfirmation.ActionNotConfirmed;
import ru.gospochta.identity.CitizenPhones;
import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.Waits;

/**
 * «Контактные данные»: the e-mail in force, adding or changing it after the person is re-checked
 * (password and SMS code, CNT-3), confirming it by the code or the link of the letter (CNT-2), and
 * deleting it with the password (CNT-4). The backup address (CNT-5) takes the same steps under
 * {@code /backup-email}; the path names the slot, so the two never mix.
 */
@Controller
@RequestMapping("/cabinet/contacts")
class ContactsController {

    /** How long a re-check opens the address form. */
    static final Duration RECHECK_VALID = Duration.ofMinutes(10);
    static final String RECHECKED_UNTIL = "gospochta.contacts.recheckedUntil";
    /** The main address's pages and the backup address's; any other path is not found. */
    private static final String SLOT = "/{slot:email|backup-email}";
    private static final String BACKUP_SLOT = "backup-email";

    private final EmailBinding binding;
    private final EmailAddresses addresses;
    private final EmailAddressRules rules;
    private final ActionConfirmation confirmation;
    private final Waits waits;
    private final Clock clock;
    private final CitizenPhones phones;

    ContactsController(EmailBinding binding, EmailAddresses addresses, EmailAddressRules rules,
            ActionConfirmation confirmation, Waits waits, Clock clock,
            CitizenPhones phones) {
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
        model.addAttribute("email", shown(me, Kind.PRIMARY));
        model.addAttribute("waiting", binding.waiting(me.accountId(), Kind.PRIMARY).map(EmailBinding.Waiting::address).orElse(null));
        model.addAttribute("backupEmail", shown(me, Kind.BACKUP));
        model.addAttribute("backupWaiting", binding.waiting(me.accountId(), Kind.BACKUP).map(EmailBinding.Waiting::address)
                .orElse(null));
        return "contacts/overview";
    }

    private @Nullable Shown shown(CitizenPrincipal me, Kind kind) {
        return addresses.inForce(me.accountId(), kind)
                .map(a -> new Shown(new EmailAddress(a.address()).unicode(), a.status().name(),
                        a.suspendedReason() == null ? "OTHER" : a.suspendedReason()))
                .orElse(null);
    }

    /** An address as the page shows it; the reason matters only when it is suspended. */
    record Shown(String address, String status, String reason) {
    }

    /** The slot a path names: {@code email} is the main address, {@code backup-email} the backup one. */
    @ModelAttribute("slot")
    @Nullable String slot(@PathVariable(name = "slot", required = false) @Nullable String slot, Model model) {
        model.addAttribute("backup", BACKUP_SLOT.equals(slot));
        return slot;
    }

    /** «Подтвердить снова» for a suspended address (CNT-6): a new letter to it, then the usual code or link. */
    @PostMapping(SLOT + "/reconfirm")
    String reconfirm(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String slot, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        try {
            binding.reconfirm(me.accountId(), kind(slot), RequestContextUtils.getLocale(request));
            return "redirect:/cabinet/contacts/" + slot + "/confirm";
        } catch (BindingRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problem", refused.code());
            return overview(me, model);
        }
    }

    @GetMapping(SLOT + "/recheck")
    String recheckForm(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        model.addAttribute("phone", confirmation.maskedPhone(me.accountId()));
        return "contacts/recheck";
    }

    /** Answers with a redirect, so reloading the page never sends another SMS. */
    @PostMapping(SLOT + "/recheck/code")
    String sendCode(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String slot, HttpServletRequest request,
            RedirectAttributes flash) {
        Locale locale = RequestContextUtils.getLocale(request);
        Optional<Duration> wait = confirmation.sendCode(me.accountId(), request.getRemoteAddr(), locale);
        wait.ifPresentOrElse(w -> flash.addFlashAttribute("smsWait", waits.inWords(w, locale)),
                () -> flash.addFlashAttribute("codeSent", true));
        return "redirect:/cabinet/contacts/" + slot + "/recheck";
    }

    @PostMapping(SLOT + "/recheck")
    String recheck(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String slot,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            confirmation.confirm(me.accountId(), password, code, RequestContextUtils.getLocale(request));
            request.getSession().setAttribute(RECHECKED_UNTIL, clock.instant().plus(RECHECK_VALID));
            return "redirect:/cabinet/contacts/" + slot + "/new";
        } catch (ActionNotConfirmed refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", refused.explanations());
            return recheckForm(me, model);
        }
    }

    @GetMapping(SLOT + "/new")
    String addressForm(@PathVariable String slot, HttpSession session) {
        return rechecked(session) ? "contacts/new-address" : "redirect:/cabinet/contacts/" + slot + "/recheck";
    }

    /** The hint under the address as it is typed (htmx). */
    @PostMapping(SLOT + "/check")
    String check(@RequestParam(defaultValue = "") String address, Model model) {
        model.addAttribute("problem", address.isBlank() ? null : rules.problem(address).orElse(null));
        return "contacts/new-address :: hint";
    }

    @PostMapping(SLOT + "/new")
    String addAddress(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String slot,
            @RequestParam(defaultValue = "") String address, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        HttpSession session = request.getSession();
        if (!rechecked(session)) {
            return "redirect:/cabinet/contacts/" + slot + "/recheck";
        }
        try {
            binding.start(me.accountId(), kind(slot), address, RequestContextUtils.getLocale(request));
            session.removeAttribute(RECHECKED_UNTIL);
            return "redirect:/cabinet/contacts/" + slot + "/confirm";
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

    @GetMapping(SLOT + "/confirm")
    String confirmForm(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String slot,
            @RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response,
            Model model) {
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
        Optional<EmailBinding.Waiting> waiting = binding.waiting(me.accountId(), kind(slot));
        if (waiting.isEmpty() && token == null) {
            return "redirect:/cabinet/contacts";
        }
        model.addAttribute("waiting", waiting.orElse(null));
        model.addAttribute("resendIn", waiting.map(w -> Math.max(0, Math.ceilDiv(Duration.between(clock.instant(), w.resendAfter()).toMillis(), 1000)))
                .orElse(0L));
        return "contacts/confirm";
    }

    @PostMapping(SLOT + "/confirm")
    String confirmByCode(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String slot,
            @RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        try {
            binding.confirmByCode(me.accountId(), kind(slot), code, RequestContextUtils.getLocale(request));
            return "redirect:/cabinet/contacts?confirmed";
        } catch (BindingRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("refusal", refused.code());
            model.addAttribute("refusalArg", refused.triesLeft());
            return confirmForm(me, slot, null, request, response, model);
        }
    }

    /** Answers with a redirect, so reloading the page never sends another letter. */
    @PostMapping(SLOT + "/resend")
    String resend(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String slot, HttpServletRequest request,
            RedirectAttributes flash) {
        Locale locale = RequestContextUtils.getLocale(request);
        try {
            binding.resend(me.accountId(), kind(slot), locale);
            flash.addFlashAttribute("resent", true);
        } catch (BindingRefused refused) {
            flash.addFlashAttribute("refusal", refused.code());
            flash.addFlashAttribute("refusalArg", refused.retryAfter() == null ? "" : waits.inWords(refused.retryAfter(), locale));
        }
        return "redirect:/cabinet/contacts/" + slot + "/confirm";
    }

    @GetMapping(SLOT + "/delete")
    String deleteDialog(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String slot, Model model) {
        Optional<EmailAddresses.Stored> inForce = addresses.inForce(me.accountId(), kind(slot))
                .or(() -> addresses.waiting(me.accountId(), kind(slot)));
        if (inForce.isEmpty()) {
            return "redirect:/cabinet/contacts";
        }
        model.addAttribute("address", new EmailAddress(inForce.get().address()).unicode());
        return "contacts/delete";
    }

    @PostMapping(SLOT + "/delete")
    String delete(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable String slot,
            @RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        try {
            confirmation.confirmPassword(me.accountId(), password, RequestContextUtils.getLocale(request));
            binding.delete(me.accountId(), kind(slot));
            return "redirect:/cabinet/contacts?deleted";
        } catch (ActionNotConfirmed refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", refused.explanations());
            return deleteDialog(me, slot, model);
        }
    }

    private static Kind kind(String slot) {
        return BACKUP_SLOT.equals(slot) ? Kind.BACKUP : Kind.PRIMARY;
    }

    private boolean rechecked(HttpSession session) {
        Object until = session.getAttribute(RECHECKED_UNTIL);
        return until instanceof Instant instant && clock.instant().isBefore(instant);
    }
}
