package ru.gospochta.shell.internal;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public landing page, the admin area's front page and its sign-in form. */
@Controller
class ShellController {

    @GetMapping("/")
    String landing() {
        return "shell/landing";
    }

    @GetMapping("/admin/login")
    String signIn() {
        return "shell/admin-login";
    }

    /** The staff area's front page lists only the sections the signed-in role may open. */
    @GetMapping("/admin")
    String adminHome(Authentication staff, Model model) {
        Set<String> roles = staff.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        model.addAttribute("isAdmin", roles.contains("ROLE_ADMIN"));
        model.addAttribute("isSupport", roles.contains("ROLE_SUPPORT_OPERATOR") || roles.contains("ROLE_ADMIN"));
        return "shell/admin-home";
    }
}
