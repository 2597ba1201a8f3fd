package ru.gospochta.gateway.internal.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.gateway.internal.Agencies;
import ru.gospochta.gateway.internal.Agency;
import ru.gospochta.gateway.internal.AgencySystem;
import ru.gospochta.gateway.internal.NotInRegistry;
import ru.gospochta.gateway.internal.RegistryRefused;
import ru.gospochta.gateway.internal.callbacks.CallbackRegistration;

/**
 * A system's callback on the agency page (GW-3): its address set or changed, a new secret, or the
 * callback removed. A secret is shown in the answer to the request that made it and stored nowhere
 * in clear, as a key's secret is not: neither in the database nor in anything kept between requests.
 */
@Controller
@RequestMapping("/admin/agencies/{agencyId}/systems/{systemId}/callback")
class CallbackController {

    private final Agencies agencies;
    private final CallbackRegistration registration;
    private final AgencyPages pages;

    CallbackController(Agencies agencies, CallbackRegistration registration, AgencyPages pages) {
        this.agencies = agencies;
        this.registration = registration;
        this.pages = pages;
    }

    /** The address as typed with its problem, so a refused form comes back as it was. */
    record CallbackForm(UUID systemId, String callbackUrl, @Nullable String problem) {
    }

    @PostMapping
    String register(@PathVariable UUID agencyId, @PathVariable UUID systemId,
            @RequestParam(defaultValue = "") String callbackUrl, Authentication staff, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        AgencySystem system = owned(agencyId, systemId);
        try {
            CallbackRegistration.Registered registered = registration.register(agencyId, systemId, callbackUrl,
                    "staff:" + staff.getName(), request.getRemoteAddr());
            String secret = registered.secret();
            if (secret != null) {
                return shown(model, agencyId, system, registered.url().toString(), secret);
            }
            redirect.addFlashAttribute("done", "callback-saved");
            return "redirect:/admin/agencies/" + agencyId;
        } catch (RegistryRefused refused) {
            return refused(agencyId, systemId, callbackUrl, refused, response, model);
        }
    }

    @PostMapping("/secret")
    String newSecret(@PathVariable UUID agencyId, @PathVariable UUID systemId, Authentication staff,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        AgencySystem system = owned(agencyId, systemId);
        try {
            CallbackRegistration.Registered renewed = registration.newSecret(agencyId, systemId, "staff:" + staff.getName(),
                    request.getRemoteAddr());
            return shown(model, agencyId, system, renewed.url().toString(), String.valueOf(renewed.secret()));
        } catch (RegistryRefused refused) {
            return refused(agencyId, systemId, "", refused, response, model);
        }
    }

    @PostMapping("/remove")
    String remove(@PathVariable UUID agencyId, @PathVariable UUID systemId, Authentication staff,
            HttpServletRequest request, RedirectAttributes redirect) {
        owned(agencyId, systemId);
        registration.remove(agencyId, systemId, "staff:" + staff.getName(), request.getRemoteAddr());
        redirect.addFlashAttribute("done", "callback-removed");
        return "redirect:/admin/agencies/" + agencyId;
    }

    /** Another agency's system is not found, whatever was typed. */
    private AgencySystem owned(UUID agencyId, UUID systemId) {
        return agencies.system(systemId).filter(s -> s.agencyId().equals(agencyId))
                .orElseThrow(() -> new NotInRegistry("system " + systemId));
    }

    private String shown(Model model, UUID agencyId, AgencySystem system, String url, String secret) {
        Agency agency = agencies.byId(agencyId).orElseThrow(() -> new NotInRegistry("agency " + agencyId));
        model.addAttribute("agency", agency);
        model.addAttribute("system", system);
        model.addAttribute("callbackUrl", url);
        model.addAttribute("secret", secret);
        return "gateway/callback-secret";
    }

    private String refused(UUID agencyId, UUID systemId, String typed, RegistryRefused refused,
            HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("callbackForm", new CallbackForm(systemId, typed, refused.problems().get("callbackUrl")));
        return pages.agency(agencyId, model);
    }
}
