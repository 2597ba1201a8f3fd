package ru.gospochta.identity.internal.web;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.Waits;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.factors.TrustedDeviceToken;
import ru.gospochta.identity.internal.session.SignInSessions;
import ru.gospochta.identity.internal.signin.CitizenSignIn;
import ru.gospochta.identity.internal.signin.CitizenSignIn.Challenge;
import ru.gospochta.identity.internal.signin.CitizenSignIn.Method;
import ru.gospochta.identity.internal.signin.CodeRejected;
import ru.gospochta.identity.internal.signin.SmsCodes;

/** «Вход»: identifier and password, then the second factor when one is due. */
@Controller
@RequestMapping("/login")
class SignInController {

    static final String CHALLENGE = "gospochta.sign-in.challenge";
    static final String DEVICE_COOKIE = "GOSPOCHTA_DEVICE";

    private final CitizenSignIn signIn;
    private final SignInSessions sessions;
    private final Waits waits;
    private final Clock clock;

    SignInController(CitizenSignIn signIn, SignInSessions sessions, Waits waits, Clock clock) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.waits = waits;
        this.clock = clock;
    }

    @GetMapping
    String form() {
        return "identity/web/login";
    }

    @PostMapping
    String signIn(@RequestParam(defaultValue = "") String identifier, @RequestParam(defaultValue = "") String password,
            @CookieValue(name = DEVICE_COOKIE, required = false) @Nullable String device, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        CitizenSignIn.Outcome outcome = signIn.checkPassword(identifier, password, device, Origins.of(request));
        return switch (outcome) {
            case CitizenSignIn.Waiting waiting -> refuse(model, request, response, identifier, "identity.signin.wait",
                    waiting.retryAfter());
            case CitizenSignIn.Refused refused -> refuse(model, request, response, identifier, "identity.signin.refused", null);
            case CitizenSignIn.PhoneNotConfirmed pending -> {
                RegistrationController.remember(request.getSession(), pending.account(), pending.phone(),
                        new SmsCodes.Sent(clock.instant(), clock.instant()));
                yield "redirect:/register/confirm?unconfirmed";
            }
            case CitizenSignIn.SecondFactorNeeded needed -> {
                request.getSession().setAttribute(CHALLENGE, needed.challenge());
                yield needed.smsWait() == null ? "redirect:/login/second-factor" : "redirect:/login/second-factor?smsWait";
            }
            case CitizenSignIn.SignedIn signedIn -> enter(signedIn.account(), false, request, response);
        };
    }

    private String refuse(Model model, HttpServletRequest request, HttpServletResponse response, String identifier,
            String message, @Nullable Duration wait) {
        response.setStatus(wait == null ? HttpStatus.UNAUTHORIZED.value() : HttpStatus.TOO_MANY_REQUESTS.value());
        model.addAttribute("identifier", identifier);
        model.addAttribute("error", message);
        model.addAttribute("wait", wait == null ? null : waits.inWords(wait, RequestContextUtils.getLocale(request)));
        return "identity/web/login";
    }

    @GetMapping("/second-factor")
    String secondFactorForm(@RequestParam(required = false) @Nullable String method, HttpSession session, Model model) {
        Challenge challenge = (Challenge) session.getAttribute(CHALLENGE);
        if (challenge == null) {
            return "redirect:/login";
        }
        Method shown = "backup".equals(method) && challenge.backupCodesLeft() ? Method.BACKUP_CODE : challenge.method();
        model.addAttribute("challenge", challenge);
        model.addAttribute("method", shown.name());
        return "identity/web/second-factor";
    }

    @PostMapping("/second-factor")
    String secondFactor(@RequestParam(defaultValue = "SMS") Method method, @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "false") boolean remember, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        HttpSession session = request.getSession();
        Challenge challenge = (Challenge) session.getAttribute(CHALLENGE);
        if (challenge == null) {
            return "redirect:/login";
        }
        if (method != challenge.method() && method != Method.BACKUP_CODE) {
            method = challenge.method();
        }
        try {
            CitizenSignIn.Outcome outcome = signIn.completeSecondFactor(challenge, method, code, Origins.of(request));
            if (outcome instanceof CitizenSignIn.SignedIn signedIn) {
                session.removeAttribute(CHALLENGE);
                return enter(signedIn.account(), remember, request, response);
            }
            CitizenSignIn.Waiting waiting = (CitizenSignIn.Waiting) outcome;
            session.removeAttribute(CHALLENGE);
            return refuse(model, request, response, "", "identity.signin.wait", waiting.retryAfter());
        } catch (CodeRejected rejected) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("codeError", rejected.messageCode());
            model.addAttribute("triesLeft", rejected.triesLeft());
            model.addAttribute("challenge", challenge);
            model.addAttribute("method", method.name());
            return "identity/web/second-factor";
        }
    }

    @PostMapping("/second-factor/resend")
    String resend(HttpServletRequest request, Model model) {
        Challenge challenge = (Challenge) request.getSession().getAttribute(CHALLENGE);
        if (challenge == null) {
            return "redirect:/login";
        }
        Duration wait = signIn.sendSms(challenge, Origins.of(request));
        model.addAttribute("challenge", challenge);
        model.addAttribute("method", Method.SMS.name());
        if (wait == null) {
            model.addAttribute("resent", true);
        } else {
            model.addAttribute("smsWait", waits.inWords(wait, RequestContextUtils.getLocale(request)));
        }
        return "identity/web/second-factor";
    }

    private String enter(Account account, boolean remember, HttpServletRequest request, HttpServletResponse response) {
        sessions.establish(new CitizenPrincipal(account.id(), account.givenName() + " " + account.surname()), request,
                response, clock.instant());
        if (remember) {
            Cookie cookie = new Cookie(DEVICE_COOKIE, signIn.rememberDevice(account));
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            cookie.setPath("/login");
            cookie.setMaxAge((int) TrustedDeviceToken.LIFETIME.toSeconds());
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        return "redirect:" + continueTo(request, response);
    }

    /**
     * Where the citizen was going when sign-in was asked for (a confirmation link from a letter,
     * say), if it was a page of this site; the cabinet otherwise.
     */
    private static String continueTo(HttpServletRequest request, HttpServletResponse response) {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        SavedRequest saved = cache.getRequest(request, response);
        cache.removeRequest(request, response);
        if (saved == null || !"GET".equals(saved.getMethod())) {
            return "/cabinet";
        }
        java.net.URI uri = java.net.URI.create(saved.getRedirectUrl());
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/cabinet")) {
            return "/cabinet";
        }
        // Spring Security marks a saved request with "continue"; the page itself has no use for it.
        String query = uri.getRawQuery() == null ? "" : java.util.Arrays.stream(uri.getRawQuery().split("&"))
                .filter(p -> !p.equals("continue") && !p.startsWith("continue=")).collect(java.util.stream.Collectors.joining("&"));
        return query.isEmpty() ? path : path + "?" + query;
    }
}
