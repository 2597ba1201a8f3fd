package ru.gospochta.gateway.internal.web;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.gateway.internal.Agencies;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.NotInRegistry;
import ru.gospochta.gateway.internal.RegistryRefused;
import ru.gospochta.gateway.internal.SystemLimits;

/**
 * A system's own limits on the agency page (GW-1, GW-5): requests a second and messages a day,
 * each left empty for the default.
 */
@Controller
class SystemLimitsController {

    private final Agencies agencies;
    private final AgencyRegistry registry;
    private final AgencyPages pages;

    SystemLimitsController(Agencies agencies, AgencyRegistry registry, AgencyPages pages) {
        this.agencies = agencies;
        this.registry = registry;
        this.pages = pages;
    }

    /** The limits form as typed, with its problems by field, so a refused form comes back as it was. */
    record LimitsForm(UUID systemId, String requestsPerSecond, String messagesPerDay, Map<String, String> problems) {
    }

    @PostMapping("/admin/agencies/{agencyId}/systems/{systemId}/limits")
    String change(@PathVariable UUID agencyId, @PathVariable UUID systemId,
            @RequestParam(defaultValue = "") String requestsPerSecond, @RequestParam(defaultValue = "") String messagesPerDay,
            Authentication staff, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        // Another agency's system is not found, whatever was typed.
        agencies.system(systemId).filter(s -> s.agencyId().equals(agencyId))
                .orElseThrow(() -> new NotInRegistry("system " + systemId));
        try {
            registry.changeLimits(agencyId, systemId, SystemLimits.parse(requestsPerSecond, messagesPerDay),
                    "staff:" + staff.getName(), request.getRemoteAddr());
            redirect.addFlashAttribute("done", "limits-changed");
            return "redirect:/admin/agencies/" + agencyId;
        } catch (RegistryRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("limitsForm", new LimitsForm(systemId, requestsPerSecond, messagesPerDay, refused.problems()));
            return pages.agency(agencyId, model);
        }
    }
}
