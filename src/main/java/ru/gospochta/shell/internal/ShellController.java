package ru.gospochta.shell.internal;

import org.springframework.stereotype.Controller;
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

    @GetMapping("/admin")
    String adminHome() {
        return "shell/admin-home";
    }
}
