package ru.gospochta.contacts.internal;

import java.net.IDN;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The form of an e-mail address (CNT-1): checks the rules of {@link EmailRule} in their order and
 * gives either the first broken one or the address in ASCII form, its domain in punycode and lower
 * case. Every check is a linear scan, so a long paste cannot make it slow.
 *
 * <p>Internationalised domains are converted with {@link java.net.IDN}, which implements IDNA 2003
 * (Unicode 3.2) and not IDNA 2008. That is enough here: the domains our users have are Cyrillic
 * ones in «.рф», «.рус», «.москва» and the like, and every Cyrillic letter is in Unicode 3.2; the two
 * standards differ only for characters such as «ß», final sigma, joiners and letters added to
 * Unicode after 3.2, which such domains do not contain. A domain IDNA 2003 cannot convert is
 * refused with the label-characters message, so no letter goes to a half-converted domain.
 */
public final class EmailSyntax {

    /** RFC 5321 allows a path of 256 octets including its angle brackets. */
    public static final int MAX_LENGTH = 254;

    /** RFC 5321 limit of the part before the «@»; longer ones are bounced by many servers. */
    public static final int MAX_LOCAL_LENGTH = 64;

    /** RFC 1035 limit of one DNS label, counted on the punycode form that DNS actually carries. */
    public static final int MAX_LABEL_LENGTH = 63;

    /** Brackets, commas, semicolons and quotes come from pasting "Name <address>" or a list of addresses. */
    private static final String FORBIDDEN = "()<>[]{},;\"'`«»„“”‘’‚‹›";

    private static final Pattern TOP_LEVEL = Pattern.compile("\\p{L}{2,6}");

    /** The outcome of a check. */
    public sealed interface Verdict permits Valid, Broken {
    }

    /** The address keeps every rule; the local part as typed, the domain in lower-case ASCII. */
    public record Valid(String local, String domain) implements Verdict {

        public String ascii() {
            return local + "@" + domain;
        }
    }

    /** The first rule the address breaks. */
    public record Broken(EmailRule rule) implements Verdict {
    }

    private EmailSyntax() {
    }

    /** Takes off spaces and invisible characters at both ends, which copying from a letter or a page brings along. */
    public static String trim(String typed) {
        int start = 0;
        int end = typed.length();
        while (start < end && invisible(typed.codePointAt(start))) {
            start += Character.charCount(typed.codePointAt(start));
        }
        while (end > start && invisible(typed.codePointBefore(end))) {
            end -= Character.charCount(typed.codePointBefore(end));
        }
        return typed.substring(start, end);
    }

    public static Verdict check(String address) {
        try {
            return valid(address);
        } catch (Refused refused) {
            return new Broken(refused.rule);
        }
    }

    private static Valid valid(String address) throws Refused {
        require(!address.isEmpty(), EmailRule.EMPTY);
        require(address.codePoints().noneMatch(EmailSyntax::invisible), EmailRule.WHITESPACE);
        require(address.chars().noneMatch(c -> FORBIDDEN.indexOf(c) >= 0), EmailRule.FORBIDDEN_CHARACTER);
        int at = address.indexOf('@');
        require(at >= 0 && at == address.lastIndexOf('@'), EmailRule.AT_COUNT);

        String local = address.substring(0, at);
        require(!local.isEmpty(), EmailRule.LOCAL_EMPTY);
        require(local.chars().allMatch(EmailSyntax::localCharacter), EmailRule.LOCAL_CHARACTERS);
        require(!local.startsWith(".") && !local.endsWith("."), EmailRule.LOCAL_DOT_EDGE);
        require(!local.contains(".."), EmailRule.LOCAL_DOUBLE_DOT);
        require(local.length() <= MAX_LOCAL_LENGTH, EmailRule.LOCAL_TOO_LONG);

        String domain = address.substring(at + 1);
        require(!domain.isEmpty(), EmailRule.DOMAIN_EMPTY);
        require(!domain.startsWith(".") && !domain.endsWith("."), EmailRule.DOMAIN_DOT_EDGE);
        require(!domain.contains(".."), EmailRule.DOMAIN_DOUBLE_DOT);
        require(domain.indexOf('.') >= 0, EmailRule.DOMAIN_NO_DOT);
        StringJoiner ascii = new StringJoiner(".");
        for (String label : domain.split("\\.")) {
            ascii.add(asciiLabel(label));
        }
        String asciiDomain = ascii.toString();

        // The zone rule is about what a person sees: «xn--p1ai» is judged as «рф».
        String topLevel = asciiDomain.substring(asciiDomain.lastIndexOf('.') + 1);
        require(TOP_LEVEL.matcher(IDN.toUnicode(topLevel, IDN.USE_STD3_ASCII_RULES)).matches(), EmailRule.TLD);
        require(local.length() + 1 + asciiDomain.length() <= MAX_LENGTH, EmailRule.TOO_LONG);
        return new Valid(local, asciiDomain);
    }

    /** One label of the domain in lower-case ASCII, punycode for a label in another script. */
    private static String asciiLabel(String label) throws Refused {
        require(label.codePoints().allMatch(EmailSyntax::labelCharacter), EmailRule.DOMAIN_LABEL_CHARACTERS);
        require(!label.startsWith("-") && !label.endsWith("-"), EmailRule.DOMAIN_LABEL_HYPHEN_EDGE);
        if (label.chars().allMatch(c -> c < 0x80)) {
            require(label.length() <= MAX_LABEL_LENGTH, EmailRule.DOMAIN_LABEL_TOO_LONG);
            return label.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException unconvertible) {
            // java.net.IDN reports every failure with the same exception type; only its message tells a
            // label whose punycode form exceeds 63 characters from a character IDNA 2003 prohibits.
            // The table test pins this message with a Cyrillic label of 58 letters.
            boolean tooLong = String.valueOf(unconvertible.getMessage()).contains("too long");
            throw new Refused(tooLong ? EmailRule.DOMAIN_LABEL_TOO_LONG : EmailRule.DOMAIN_LABEL_CHARACTERS);
        }
    }

    private static void require(boolean kept, EmailRule rule) throws Refused {
        if (!kept) {
            throw new Refused(rule);
        }
    }

    /** Ends the check at the first broken rule; carries no stack trace, as it is an answer, not a fault. */
    private static final class Refused extends Exception {

        private final EmailRule rule;

        Refused(EmailRule rule) {
            super(rule.code(), null, false, false);
            this.rule = rule;
        }
    }

    private static boolean localCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == '+';
    }

    /** Letters and digits of any script, and the marks some scripts combine with letters; IDNA judges the rest. */
    private static boolean labelCharacter(int c) {
        return Character.isLetter(c) || Character.isDigit(c) || c == '-'
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }

    /** Spaces of every kind, line breaks, and characters that show nothing, such as a zero-width space. */
    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || type == Character.FORMAT || type == Character.CONTROL;
    }
}
