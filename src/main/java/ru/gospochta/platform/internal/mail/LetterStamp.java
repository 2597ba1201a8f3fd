package ru.gospochta.platform.internal.mail;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import ru.gospochta.platform.Letter;
import ru.gospochta.platform.PlatformProperties;

/**
 * Puts the verification code of NTF-6 at the foot of every letter, text and HTML alike, with the
 * address of «Проверить письмо». The page's address is given, not linked with the code in it: the
 * point is that the reader goes to the portal they know, not where a letter sends them. In both
 * languages, as the letter's own language is not known here.
 */
@Component
class LetterStamp {

    private final LetterCodes codes;
    private final String checkUrl;

    LetterStamp(LetterCodes codes, PlatformProperties platform) {
        this.codes = codes;
        String url = platform.publicUrl().toString();
        this.checkUrl = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + LetterCheckController.PATH;
    }

    /** The letter with its code at the foot, the code registered with the Message-ID it will carry. */
    Letter stamp(Letter letter, String messageId) {
        return stampAll(List.of(letter), List.of(messageId)).getFirst();
    }

    /** {@link #stamp} for several letters, their codes registered in one write. */
    List<Letter> stampAll(List<Letter> letters, List<String> messageIds) {
        List<LetterCodes.Leaving> leaving = new ArrayList<>(letters.size());
        for (int i = 0; i < letters.size(); i++) {
            leaving.add(new LetterCodes.Leaving(letters.get(i).to(), letters.get(i).subject(), messageIds.get(i)));
        }
        List<String> registered = codes.registerAll(leaving);
        List<Letter> stamped = new ArrayList<>(letters.size());
        for (int i = 0; i < letters.size(); i++) {
            stamped.add(withCode(letters.get(i), registered.get(i)));
        }
        return stamped;
    }

    private Letter withCode(Letter letter, String code) {
        String line = "Код проверки письма: " + code + ". Проверить, что письмо отправила Госпочта: " + checkUrl;
        String english = "Letter check code: " + code + ". To check that Gospochta sent it: " + checkUrl;
        String text = letter.text() + "\n\n--\n" + line + "\n" + english + "\n";
        String html = letter.html();
        if (html != null) {
            String foot = "<p style=\"color: #4a5568; font-size: 12px;\">" + HtmlUtils.htmlEscape(line) + "<br>"
                    + HtmlUtils.htmlEscape(english) + "</p>";
            int end = lastBodyEnd(html);
            html = end < 0 ? html + foot : html.substring(0, end) + foot + html.substring(end);
        }
        return new Letter(letter.to(), letter.subject(), text, html, letter.headers(), letter.reference());
    }

    /** Where {@code </body>} starts, in any case, or -1; found from the end without copying the letter. */
    static int lastBodyEnd(String html) {
        for (int i = html.length() - 7; i >= 0; i--) {
            if (html.regionMatches(true, i, "</body>", 0, 7)) {
                return i;
            }
        }
        return -1;
    }
}
