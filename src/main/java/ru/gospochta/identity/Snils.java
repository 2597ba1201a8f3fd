package ru.gospochta.identity;

import java.util.regex.Pattern;

/**
 * A person's insurance number (СНИЛС) in the Pension Fund's register: eleven digits, the last two
 * a check number over the first nine. Stored as the bare digits.
 */
public record Snils(String digits) {

    private static final Pattern ELEVEN_DIGITS = Pattern.compile("[0-9]{11}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0-]");

    /** Numbers up to this one were issued before check numbers existed, so none can be verified. */
    private static final int LAST_UNCHECKED = 1_001_998;

    public Snils {
        if (!ELEVEN_DIGITS.matcher(digits).matches()) {
            throw new InvalidValue("snils", "identity.snils.format", "SNILS must be 11 digits");
        }
        int number = Integer.parseInt(digits.substring(0, 9));
        if (number <= LAST_UNCHECKED) {
            throw new InvalidValue("snils", "identity.snils.not-issued",
                    "SNILS numbers up to 001-001-998 carry no check number and are not issued");
        }
        if (checkNumber(digits) != Integer.parseInt(digits.substring(9))) {
            throw new InvalidValue("snils", "identity.snils.checksum", "SNILS check number does not match its digits");
        }
    }

    /** Reads the usual spellings: {@code 112-233-445 95}, {@code 112 233 445 95}, {@code 11223344595}. */
    public static Snils parse(String userInput) {
        return new Snils(SEPARATORS.matcher(userInput.strip()).replaceAll(""));
    }

    /** The spelling on the insurance certificate: {@code 112-233-445 95}. */
    public String formatted() {
        return digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6, 9) + " "
                + digits.substring(9);
    }

    /** Only the check number shows, so a SNILS that reaches a log reveals nothing. */
    @Override
    public String toString() {
        return "Snils[***-***-*** " + digits.substring(9) + "]";
    }

    /**
     * The Pension Fund's rule: weights 9 down to 1 over the first nine digits; a sum below 100 is
     * the check number itself, 100 and 101 give 00, a larger sum is taken modulo 101, where 100
     * again gives 00.
     */
    private static int checkNumber(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (9 - i);
        }
        return sum % 101 % 100;
    }
}
