package ru.gospochta.identity.internal.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.PasswordPolicy;
import ru.gospochta.identity.PersonalData;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Waits;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.registration.Registration;
import ru.gospochta.identity.internal.registration.RegistrationForm;
import ru.gospochta.identity.internal.session.SignInSessions;
import ru.gospochta.identity.internal.signin.CodeRejected;
import ru.gospochta.identity.internal.signin.SmsCodes;
import ru.gospochta.identity.internal.signin.SmsLimitReached;

/** «Регистрация»: the form, its as-you-type checks, and the confirmation of the phone by SMS code. */
@Controller
@RequestMapping("/register")
class RegistrationController {

    private static final List<String> FIELDS = List.of("phone", "surname", "name", "patronymic", "birthDate", "passport",
            "address", "snils", "inn", "password", "passwordRepeat", "agreement");

    private final Registration registration;
    private final PasswordPolicy policy;
    private final SignInSessions sessions;
    private final Waits waits;
    private final Clock clock;

    RegistrationController(Registration registration, PasswordPolicy policy, SignInSessions sessions, Waits waits,
            Clock clock) {
        this.registration = registration;
        this.policy = policy;
        this.sessions = sessions;
        this.waits = waits;
        this.clock = clock;
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("values", Map.of());
        model.addAttribute("errors", Map.of());
        return "identity/web/register";
    }

    @PostMapping
    String register(@ModelAttribute RegistrationForm form, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        try {
            Registration.Pending pending = registration.register(form, request.getRemoteAddr(), RequestContextUtils.getLocale(request));
            remember(request.getSession(), pending.account(), pending.phone(), pending.sent());
            return "redirect:/register/confirm";
        } catch (Registration.Refused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("errors", refused.errors());
        } catch (SmsLimitReached limit) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("errors", Map.of());
            model.addAttribute("smsWait", waits.inWords(limit.retryAfter(), RequestContextUtils.getLocale(request)));
        } catch (Registration.Waiting waiting) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("errors", Map.of());
            model.addAttribute("registerWait", waits.inWords(waiting.retryAfter(), RequestContextUtils.getLocale(request)));
        }
        model.addAttribute("values", shownAgain(form));
        return "identity/web/register";
    }

    /** The hint under one field, checked as the citizen leaves it (htmx). */
    @PostMapping("/check/{field}")
    String check(@PathVariable String field, @ModelAttribute RegistrationForm form, Model model) {
        if (!FIELDS.contains(field)) {
            field = "unknown";
        }
        model.addAttribute("field", field);
        model.addAttribute("codes", field.equals("unknown") ? List.of() : registration.check(field, form));
        return "identity/web/fragments :: hint(field=${field}, codes=${codes})";
    }

    /** The password strength meter as the citizen types (htmx). */
    @PostMapping("/strength")
    String strength(@RequestParam(defaultValue = "") String password, Model model) {
        model.addAttribute("strength", password.isEmpty() ? null : policy.strength(password, PersonalData.none()));
        return "identity/web/password-meter :: meter";
    }

    @GetMapping("/confirm")
    String confirmForm(HttpSession session, Model model) {
        PendingRegistration pending = (PendingRegistration) session.getAttribute(PendingRegistration.ATTRIBUTE);
        if (pending == null) {
            return "redirect:/register";
        }
        model.addAttribute("pending", pending);
        model.addAttribute("resendIn", Math.max(0, Math.ceilDiv(Duration.between(clock.instant(), pending.resendAfter()).toMillis(), 1000)));
        return "identity/web/register-confirm";
    }

    @PostMapping("/confirm")
    String confirm(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        HttpSession session = request.getSession();
        PendingRegistration pending = (PendingRegistration) session.getAttribute(PendingRegistration.ATTRIBUTE);
        if (pending == null) {
            return "redirect:/register";
        }
        try {
            Account account = registration.confirmPhone(pending.account(), pending.phone(), code, request.getRemoteAddr());
            session.removeAttribute(PendingRegistration.ATTRIBUTE);
            sessions.establish(new CitizenPrincipal(account.id(), account.givenName() + " " + account.surname()),
                    request, response, clock.instant());
            return "redirect:/cabinet?welcome";
        } catch (CodeRejected rejected) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("codeError", rejected.messageCode());
            model.addAttribute("triesLeft", rejected.triesLeft());
        } catch (IllegalStateException | java.util.NoSuchElementException gone) {
            session.removeAttribute(PendingRegistration.ATTRIBUTE);
            return "redirect:/register";
        }
        return confirmForm(session, model);
    }

    @PostMapping("/resend")
    String resend(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession();
        PendingRegistration pending = (PendingRegistration) session.getAttribute(PendingRegistration.ATTRIBUTE);
        if (pending == null) {
            return "redirect:/register";
        }
        try {
            SmsCodes.Sent sent = registration.resend(pending.account(), pending.phone(), request.getRemoteAddr(),
                    RequestContextUtils.getLocale(request));
            remember(session, pending.account(), pending.phone(), sent);
            model.addAttribute("resent", true);
        } catch (SmsLimitReached limit) {
            model.addAttribute("smsWait", waits.inWords(limit.retryAfter(), RequestContextUtils.getLocale(request)));
        }
        return confirmForm(session, model);
    }

    static void remember(HttpSession session, java.util.UUID account, String phone, SmsCodes.Sent sent) {
        session.setAttribute(PendingRegistration.ATTRIBUTE,
                new PendingRegistration(account, phone, PhoneNumber.parse(phone).masked(), sent.resendAfter()));
    }

    /** What the form shows again after a refusal: everything typed except the passwords. */
    private static Map<String, String> shownAgain(RegistrationForm f) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("phone", RegistrationForm.text(f.phone()));
        values.put("surname", RegistrationForm.text(f.surname()));
        values.put("name", RegistrationForm.text(f.name()));
        values.put("patronymic", RegistrationForm.text(f.patronymic()));
        values.put("birthDate", RegistrationForm.text(f.birthDate()));
        values.put("passport", RegistrationForm.text(f.passport()));
        values.put("address", RegistrationForm.text(f.address()));
        values.put("snils", RegistrationForm.text(f.snils()));
        values.put("inn", RegistrationForm.text(f.inn()));
        values.put("agreement", Boolean.toString(f.agreed()));
        return values;
    }
}
