package ru.gospochta.identity.internal.recovery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.identity.PasswordStrength;
import ru.gospochta.identity.Waits;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.signin.CodeRejected;
import ru.gospochta.identity.internal.signin.SmsLimitReached;

/**
 * The pages of «Забыли пароль?» (ACC-5): identifier, SMS code, new password. Each step finds its
 * state in the session and sends the visitor back to the first step when there is none. The pages
 * of a real and of a decoy recovery are built from the same state and the same words; this class
 * is also the one place where the module's refusals become messages.
 */
@Controller
@RequestMapping("/recover")
class RecoveryController {

    /** Longer than any code, password or identifier the forms accept; anything longer is refused unread. */
    private static final int MAX_FIELD = 200;

    private final PasswordRecovery recovery;
    private final MessageSource messages;
    private final Waits waits;
    private final Clock clock;

    RecoveryController(PasswordRecovery recovery, MessageSource messages, Waits waits, Clock clock) {
        this.recovery = recovery;
        this.messages = messages;
        this.waits = waits;
        this.clock = clock;
    }

    @GetMapping
    String start(HttpServletRequest request, Model model) {
        model.addAttribute("underway", underway(request));
        return "identity/recovery/start";
    }

    @PostMapping
    String start(@RequestParam(defaultValue = "") String identifier, HttpServletRequest request, Locale locale,
            Model model) {
        List<Identifier> readings = Identifier.readings(identifier);
        if (readings.isEmpty()) {
            String problem = identifier.isBlank() ? "recovery.identifier.required" : "recovery.identifier.invalid";
            return startAgain(identifier, text(problem, locale), request, model);
        }
        try {
            save(request.getSession(), recovery.start(readings, request.getRemoteAddr(), locale));
            return "redirect:/recover/code";
        } catch (TooManyWrongCodes waiting) {
            return startAgain(identifier, text("recovery.code.locked", locale, words(waiting.waitFor(), locale)), request,
                    model);
        } catch (SmsLimitReached limit) {
            return startAgain(identifier, text("recovery.resend.wait", locale, words(limit.retryAfter(), locale)), request,
                    model);
        }
    }

    @GetMapping("/code")
    String code(HttpServletRequest request, Model model) {
        Optional<RecoveryState> state = state(request);
        if (state.isEmpty()) {
            return "redirect:/recover";
        }
        if (state.get().isVerified()) {
            return "redirect:/recover/password";
        }
        return codePage(state.get(), model);
    }

    @PostMapping("/code")
    String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, Locale locale, Model model) {
        Optional<RecoveryState> state = state(request.getSession());
        if (state.isEmpty()) {
            return "redirect:/recover";
        }
        if (state.get().isVerified()) {
            return "redirect:/recover/password";
        }
        try {
            RecoveryState verified = recovery.confirm(state.get(), code.length() > MAX_FIELD ? "" : code);
            // The session now vouches for the person: give it a new id, so one planted earlier is worth nothing.
            request.changeSessionId();
            save(request.getSession(), verified);
            return "redirect:/recover/password";
        } catch (CodeRejected rejected) {
            model.addAttribute("error", rejection(rejected, locale));
        } catch (TooManyWrongCodes waiting) {
            model.addAttribute("error", text("recovery.code.locked", locale, words(waiting.waitFor(), locale)));
        }
        return codePage(state.get(), model);
    }

    @PostMapping("/resend")
    String resend(HttpServletRequest request, Locale locale, Model model, RedirectAttributes redirect) {
        Optional<RecoveryState> state = state(request.getSession());
        if (state.isEmpty() || state.get().isVerified()) {
            return "redirect:/recover";
        }
        try {
            save(request.getSession(), recovery.resend(state.get(), request.getRemoteAddr(), locale));
            redirect.addFlashAttribute("notice", text("recovery.resend.done", locale));
            return "redirect:/recover/code";
        } catch (SmsLimitReached limit) {
            model.addAttribute("error", text("recovery.resend.wait", locale, words(limit.retryAfter(), locale)));
        } catch (TooManyWrongCodes waiting) {
            model.addAttribute("error", text("recovery.code.locked", locale, words(waiting.waitFor(), locale)));
        }
        return codePage(state.get(), model);
    }

    @GetMapping("/password")
    String password(HttpSession session, RedirectAttributes redirect, Locale locale) {
        return account(session).map(account -> "identity/recovery/password")
                .orElseGet(() -> notNow(session, redirect, locale));
    }

    @PostMapping("/password")
    String password(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String repeated,
            HttpServletRequest request, Locale locale, Model model, RedirectAttributes redirect) {
        HttpSession session = request.getSession();
        Optional<Account> account = account(session);
        if (account.isEmpty()) {
            return notNow(session, redirect, locale);
        }
        if (password.length() > MAX_FIELD || repeated.length() > MAX_FIELD) {
            model.addAttribute("problems", List.of(text("identity.password.too-long", locale)));
            return "identity/recovery/password";
        }
        try {
            recovery.changePassword(state(session).orElseThrow(), account.get(), password, repeated,
                    request.getRemoteAddr(), locale);
        } catch (PasswordRefused refused) {
            model.addAttribute("problems", refused.messageCodes().stream().map(code -> text(code, locale)).toList());
            return "identity/recovery/password";
        }
        // Nothing of the recovery may outlive it; the sign-in page starts a fresh session.
        session.invalidate();
        return "redirect:/login?recovered";
    }

    /** The strength meter beside the password field, asked for by htmx as the person types. */
    @PostMapping("/password/strength")
    String strength(@RequestParam(defaultValue = "") String password, HttpSession session, Model model) {
        Account account = account(session).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (password.isEmpty() || password.length() > MAX_FIELD) {
            return "identity/recovery/strength :: empty";
        }
        PasswordStrength strength = recovery.strength(account, password);
        model.addAttribute("score", strength.score());
        model.addAttribute("recommendLonger", strength.recommendLonger());
        model.addAttribute("hint", strength.hint().map(PasswordStrength.Hint::code).orElse(null));
        return "identity/recovery/strength :: meter";
    }

    private String startAgain(String identifier, String error, HttpServletRequest request, Model model) {
        model.addAttribute("identifier", identifier.length() > Identifier.MAX_TYPED ? "" : identifier);
        model.addAttribute("error", error);
        model.addAttribute("underway", underway(request));
        return "identity/recovery/start";
    }

    /** A code was asked for in this session and not yet typed: the start page offers the way back to it. */
    private static boolean underway(HttpServletRequest request) {
        return state(request).filter(state -> !state.isVerified()).isPresent();
    }

    private String codePage(RecoveryState state, Model model) {
        model.addAttribute("resendIn", state.secondsUntilResend(clock.instant()));
        model.addAttribute("byEmail", state.byEmail());
        return "identity/recovery/code";
    }

    /**
     * Where a visitor goes who may not set the password: back to the code while none was accepted,
     * else to the start, told that the time ran out if the code was accepted too long ago.
     */
    private String notNow(HttpSession session, RedirectAttributes redirect, Locale locale) {
        Optional<RecoveryState> state = state(session);
        if (state.isPresent() && !state.get().isVerified()) {
            return "redirect:/recover/code";
        }
        if (state.isPresent()) {
            session.removeAttribute(RecoveryState.SESSION_ATTRIBUTE);
            redirect.addFlashAttribute("error", text("recovery.expired", locale));
        }
        return "redirect:/recover";
    }

    private Optional<Account> account(HttpSession session) {
        return state(session).flatMap(recovery::accountToReset);
    }

    private String rejection(CodeRejected rejected, Locale locale) {
        return switch (rejected.reason()) {
            case WRONG -> text("recovery.code.wrong", locale, rejected.triesLeft());
            case EXHAUSTED -> text("recovery.code.exhausted", locale);
            case EXPIRED -> text("recovery.code.expired", locale);
            case NONE -> text("recovery.code.none", locale);
        };
    }

    /** The state without creating a session for a visitor who has none. */
    private static Optional<RecoveryState> state(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : state(session);
    }

    private static Optional<RecoveryState> state(HttpSession session) {
        return Optional.ofNullable(session.getAttribute(RecoveryState.SESSION_ATTRIBUTE))
                .filter(RecoveryState.class::isInstance).map(RecoveryState.class::cast);
    }

    private static void save(HttpSession session, RecoveryState state) {
        session.setAttribute(RecoveryState.SESSION_ATTRIBUTE, state);
    }

    private String words(Duration wait, Locale locale) {
        return waits.inWords(wait, locale);
    }

    private String text(String code, Locale locale, @Nullable Object... args) {
        return messages.getMessage(code, args, locale);
    }
}
