package ru.gospochta.platform.internal.sms;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Admin page with the SMS messages the catcher kept, newest first. */
@Controller
class CaughtSmsController {

    private static final int PAGE = 200;

    private final SmsCatcher catcher;

    CaughtSmsController(SmsCatcher catcher) {
        this.catcher = catcher;
    }

    @GetMapping("/admin/sms")
    String list(Model model) {
        model.addAttribute("messages", catcher.latest(PAGE));
        model.addAttribute("limit", PAGE);
        return "admin/sms";
    }
}
