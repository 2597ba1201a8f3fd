package ru.gospochta.mailbox.internal.attachments;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The name a file is kept and offered under. A sender's name is only a label: any folder part is
 * dropped (so «..\..\Windows\win.ini» can name nothing outside the message), letters of every
 * script are kept, and names that would deceive or break a reader are refused.
 */
final class FileNames {

    static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /** The name to keep, or empty when no honest name is left. */
    static Optional<String> clean(String given) {
        String base = given;
        int separator = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        if (separator >= 0) {
            base = base.substring(separator + 1);
        }
        // macOS sends «й» as «и» plus a combining breve; one form keeps search and comparison simple.
        base = Normalizer.normalize(base.strip(), Normalizer.Form.NFC);
        if (base.isEmpty() || base.equals(".") || base.equals("..")
                || base.codePointCount(0, base.length()) > MAX_LENGTH || base.endsWith(".")
                || !base.codePoints().allMatch(FileNames::allowed)) {
            return Optional.empty();
        }
        return Optional.of(base);
    }

    /** The part after the last dot, lower-cased; empty for «Решение» or «.profile». */
    static Optional<String> extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Control characters break headers and logs; format characters include the right-to-left
     * override that shows «счёт\u202Efdp.exe» as «счётexe.pdf»; lone surrogates are not text.
     */
    private static boolean allowed(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
