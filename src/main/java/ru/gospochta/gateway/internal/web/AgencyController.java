package ru.gospochta.gateway.internal.web;

import java.util.Map;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.gateway.internal.Agencies;
import ru.gospochta.gateway.internal.Agency;
import ru.gospochta.gateway.internal.AgencyDetails;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.NotInRegistry;
import ru.gospochta.gateway.internal.RegistryRefused;

/**
 * The registry of agencies under {@code /admin/agencies} (administrators only, by the shell's
 * security policy): the list, adding an agency, its page, changing its details (GW-1).
 */
@Controller
@RequestMapping("/admin/agencies")
class AgencyController {

    private final Agencies agencies;
    private final AgencyRegistry registry;
    private final AgencyPages pages;

    AgencyController(Agencies agencies, AgencyRegistry registry, AgencyPages pages) {
        this.agencies = agencies;
        this.registry = registry;
        this.pages = pages;
    }

    /** The form as typed, so a refused form comes back with what was entered. */
    record AgencyForm(String name, String shortName, String ogrn, String inn) {

        static AgencyForm empty() {
            return new AgencyForm("", "", "", "");
        }

        static AgencyForm of(Agency agency) {
            return new AgencyForm(agency.name(), agency.shortName(), agency.ogrn(), agency.inn());
        }
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("agencies", agencies.all());
        return "gateway/agencies";
    }

    @GetMapping("/new")
    String blank(Model model) {
        return form(model, AgencyForm.empty(), Map.of(), null);
    }

    @PostMapping
    String register(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String shortName,
            @RequestParam(defaultValue = "") String ogrn, @RequestParam(defaultValue = "") String inn,
            Authentication staff, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        AgencyForm typed = new AgencyForm(name, shortName, ogrn, inn);
        try {
            Agency agency = registry.register(AgencyDetails.parse(name, shortName, ogrn, inn), "staff:" + staff.getName(),
                    request.getRemoteAddr());
            redirect.addFlashAttribute("done", "registered");
            return "redirect:/admin/agencies/" + agency.id();
        } catch (RegistryRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(model, typed, refused.problems(), null);
        }
    }

    @GetMapping("/{id}")
    String agency(@PathVariable UUID id, Model model) {
        return pages.agency(id, model);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        Agency agency = agencies.byId(id).orElseThrow(() -> new NotInRegistry("agency " + id));
        return form(model, AgencyForm.of(agency), Map.of(), id);
    }

    @PostMapping("/{id}")
    String change(@PathVariable UUID id, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String shortName, @RequestParam(defaultValue = "") String ogrn,
            @RequestParam(defaultValue = "") String inn, Authentication staff, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        AgencyForm typed = new AgencyForm(name, shortName, ogrn, inn);
        try {
            registry.change(id, AgencyDetails.parse(name, shortName, ogrn, inn), "staff:" + staff.getName(),
                    request.getRemoteAddr());
            redirect.addFlashAttribute("done", "changed");
            return "redirect:/admin/agencies/" + id;
        } catch (RegistryRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(model, typed, refused.problems(), id);
        }
    }

    private static String form(Model model, AgencyForm form, Map<String, String> problems, @Nullable UUID editing) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("editing", editing);
        model.addAttribute("maxName", AgencyDetails.MAX_NAME);
        model.addAttribute("maxShortName", AgencyDetails.MAX_SHORT_NAME);
        return "gateway/agency-form";
    }
}
