package ru.gospochta.notify.internal.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.templates.TemplateEditor;
import ru.gospochta.notify.internal.templates.TemplateRefused;
import ru.gospochta.notify.internal.templates.TemplateVersion;

/**
 * Letter templates under {@code /admin/notifications/templates} (administrators only, by the
 * shell's security policy): the list of event types, each type's editor per language, the preview
 * of any version with sample values, publishing a draft and returning to the catalogue's default.
 */
@Controller
@RequestMapping("/admin/notifications/templates")
class TemplateController {

    /** As for caught letters: the letter's markup runs nothing and reaches nothing, only its inline styles apply. */
    static final String LETTER_HTML_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    private final TemplatePages pages;
    private final TemplateEditor editor;

    TemplateController(TemplatePages pages, TemplateEditor editor) {
        this.pages = pages;
        this.editor = editor;
    }

    @GetMapping
    String list(Model model) {
        return pages.list(model);
    }

    @GetMapping("/{type}/{locale}")
    String edit(@PathVariable String type, @PathVariable String locale, Locale reader, Model model) {
        return pages.editor(pages.type(type, locale), locale, null, List.of(), reader, model);
    }

    /** Saves the draft; the «Предпросмотр» button saves too and then shows the draft's letter. */
    @PostMapping("/{type}/{locale}/draft")
    String save(@PathVariable String type, @PathVariable String locale, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String body, @RequestParam(defaultValue = "") String then, Authentication staff,
            HttpServletRequest request, HttpServletResponse response, Locale reader, Model model, RedirectAttributes redirect) {
        EventType eventType = pages.type(type, locale);
        try {
            TemplateVersion saved = editor.saveDraft(eventType, locale, subject, body, actor(staff), request.getRemoteAddr());
            if ("preview".equals(then)) {
                return "redirect:" + base(eventType, locale) + "/versions/" + saved.version();
            }
            redirect.addFlashAttribute("done", "saved");
            redirect.addFlashAttribute("doneVersion", saved.version());
            return "redirect:" + base(eventType, locale);
        } catch (TemplateRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return pages.editor(eventType, locale, new TemplatePages.DraftForm(subject, body), refused.problems(), reader, model);
        }
    }

    @GetMapping("/{type}/{locale}/versions/{version}")
    String version(@PathVariable String type, @PathVariable String locale, @PathVariable int version, Locale reader, Model model) {
        return pages.version(pages.type(type, locale), locale, version, reader, model);
    }

    /** The HTML letter alone, on its own address with a sandbox policy, for the preview page's frame. */
    @GetMapping(value = "/{type}/{locale}/versions/{version}/html", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String html(@PathVariable String type, @PathVariable String locale, @PathVariable int version, HttpServletResponse response) {
        String html = pages.html(pages.type(type, locale), locale, version);
        response.setHeader("Content-Security-Policy", LETTER_HTML_POLICY);
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        return html;
    }

    @PostMapping("/{type}/{locale}/publish")
    String publish(@PathVariable String type, @PathVariable String locale, @RequestParam int version, Authentication staff,
            HttpServletRequest request, HttpServletResponse response, Locale reader, Model model, RedirectAttributes redirect) {
        EventType eventType = pages.type(type, locale);
        try {
            editor.publish(eventType, locale, version, actor(staff), request.getRemoteAddr());
            redirect.addFlashAttribute("done", "published");
            redirect.addFlashAttribute("doneVersion", version);
            return "redirect:" + base(eventType, locale);
        } catch (TemplateRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return pages.editor(eventType, locale, null, refused.problems(), reader, model);
        }
    }

    /** «Вернуться к версии по умолчанию»: the published version is retired and the catalogue's text applies again. */
    @PostMapping("/{type}/{locale}/default")
    String revert(@PathVariable String type, @PathVariable String locale, Authentication staff, HttpServletRequest request,
            RedirectAttributes redirect) {
        EventType eventType = pages.type(type, locale);
        Optional<Integer> retired = editor.revertToDefault(eventType, locale, actor(staff), request.getRemoteAddr());
        redirect.addFlashAttribute("done", retired.isPresent() ? "reverted" : "already-default");
        retired.ifPresent(version -> redirect.addFlashAttribute("doneVersion", version));
        return "redirect:" + base(eventType, locale);
    }

    private static String base(EventType type, String locale) {
        return "/admin/notifications/templates/" + type.code() + "/" + locale;
    }

    private static String actor(Authentication staff) {
        return "staff:" + staff.getName();
    }
}
