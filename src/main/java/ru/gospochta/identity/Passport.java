package ru.gospochta.identity;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A Russian internal passport: a series of four digits (region and year of the form) and a
 * number of six digits.
 */
public record Passport(String series, String number) {

    private static final Pattern FOUR_DIGITS = Pattern.compile("[0-9]{4}");
    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

    public Passport {
        if (!FOUR_DIGITS.matcher(series).matches()) {
            throw new InvalidValue("passport", "identity.passport.series", "passport series must be 4 digits");
        }
        if (!SIX_DIGITS.matcher(number).matches()) {
            throw new InvalidValue("passport", "identity.passport.number", "passport number must be 6 digits");
        }
    }

    /**
     * Reads the usual spellings: {@code 45 06 123456}, {@code 4506 123456}, {@code 4506123456}.
     * Without spaces the first four characters are the series, so a wrong count of digits is
     * blamed on the number.
     */
    public static Passport parse(String userInput) {
        String[] groups = WHITESPACE.split(userInput.strip());
        return switch (groups.length) {
            case 1 -> {
                String all = groups[0];
                int split = Math.min(4, all.length());
                yield new Passport(all.substring(0, split), all.substring(split));
            }
            case 2 -> new Passport(groups[0], groups[1]);
            default -> new Passport(groups[0] + groups[1], String.join("", Arrays.copyOfRange(groups, 2, groups.length)));
        };
    }

    /** The series and number with most digits hidden, for confirmations: {@code 45 ** ***456}. */
    public String masked() {
        return series.substring(0, 2) + " ** ***" + number.substring(3);
    }

    /** Masked, so a passport that reaches a log reveals little. */
    @Override
    public String toString() {
        return "Passport[" + masked() + "]";
    }
}
