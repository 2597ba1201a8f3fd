package ru.gospochta.gateway.internal.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.gateway.CredentialKind;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.gateway.internal.Credentials;
import ru.gospochta.gateway.internal.GatewayProperties;
import ru.gospochta.gateway.internal.NotInRegistry;
import ru.gospochta.gateway.internal.OwnedCredential;
import ru.gospochta.gateway.internal.RegistryRefused;
import ru.gospochta.gateway.internal.Scope;
import ru.gospochta.platform.PlatformProperties;

/**
 * An agency's systems and their keys (GW-1): adding a system, issuing a key — whose secret is
 * shown in the answer to that one request and stored nowhere in clear, not even in the session —
 * and revoking a key after a confirmation.
 */
@Controller
@RequestMapping("/admin/agencies/{agencyId}")
class CredentialController {

    private final AgencyRegistry registry;
    private final CredentialIssuing issuing;
    private final Credentials credentials;
    private final AgencyPages pages;
    private final String tokenEndpoint;
    private final long lifetimeMinutes;

    CredentialController(AgencyRegistry registry, CredentialIssuing issuing, Credentials credentials, AgencyPages pages,
            PlatformProperties platform, GatewayProperties gateway) {
        this.registry = registry;
        this.issuing = issuing;
        this.credentials = credentials;
        this.pages = pages;
        this.tokenEndpoint = platform.publicUrl().toString().replaceAll("/+$", "") + "/oauth2/token";
        this.lifetimeMinutes = gateway.tokenLifetime().toMinutes();
    }

    @PostMapping("/systems")
    String addSystem(@PathVariable UUID agencyId, @RequestParam(defaultValue = "") String systemName,
            Authentication staff, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        try {
            registry.addSystem(agencyId, systemName, "staff:" + staff.getName(), request.getRemoteAddr());
            redirect.addFlashAttribute("done", "system-added");
            return "redirect:/admin/agencies/" + agencyId;
        } catch (RegistryRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("systemProblem", refused.problems().get("systemName"));
            model.addAttribute("typedSystemName", systemName);
            return pages.agency(agencyId, model);
        }
    }

    @PostMapping("/systems/{systemId}/credentials")
    String issue(@PathVariable UUID agencyId, @PathVariable UUID systemId,
            @RequestParam(defaultValue = "LIVE") String kind, @RequestParam(name = "scopes", required = false) @Nullable List<String> scopes,
            Authentication staff, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            CredentialIssuing.Issued issued = issuing.issue(agencyId, systemId, kindOf(kind), scopesOf(scopes),
                    "staff:" + staff.getName(), request.getRemoteAddr());
            model.addAttribute("issued", issued.credential());
            model.addAttribute("secret", issued.secret());
            model.addAttribute("scopeList", String.join(" ",
                    issued.credential().credential().scopes().stream().map(Scope::value).sorted().toList()));
            model.addAttribute("tokenEndpoint", tokenEndpoint);
            model.addAttribute("lifetimeMinutes", lifetimeMinutes);
            return "gateway/issued";
        } catch (RegistryRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("credentialProblem", refused.problems().get("scopes"));
            model.addAttribute("credentialSystem", systemId);
            return pages.agency(agencyId, model);
        }
    }

    @GetMapping("/credentials/{credentialId}/revoke")
    String confirmRevoke(@PathVariable UUID agencyId, @PathVariable UUID credentialId, Model model) {
        model.addAttribute("owned", owned(agencyId, credentialId));
        return "gateway/revoke";
    }

    @PostMapping("/credentials/{credentialId}/revoke")
    String revoke(@PathVariable UUID agencyId, @PathVariable UUID credentialId, Authentication staff,
            HttpServletRequest request, RedirectAttributes redirect) {
        OwnedCredential revoked = issuing.revoke(agencyId, credentialId, "staff:" + staff.getName(), request.getRemoteAddr());
        redirect.addFlashAttribute("done", "revoked");
        redirect.addFlashAttribute("revokedClientId", revoked.credential().clientId());
        return "redirect:/admin/agencies/" + agencyId;
    }

    private OwnedCredential owned(UUID agencyId, UUID credentialId) {
        return credentials.owned(credentialId).filter(c -> c.agency().id().equals(agencyId))
                .orElseThrow(() -> new NotInRegistry("credential " + credentialId));
    }

    private static CredentialKind kindOf(String typed) {
        try {
            return CredentialKind.valueOf(typed.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAKind) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }

    /** Unknown scope names are ignored: the form offers only known ones. */
    private static Set<Scope> scopesOf(@Nullable List<String> typed) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (typed != null) {
            typed.stream().map(Scope::of).flatMap(Optional::stream).forEach(scopes::add);
        }
        return scopes;
    }
}
