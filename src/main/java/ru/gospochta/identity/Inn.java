package ru.gospochta.identity;

import java.util.regex.Pattern;

/**
 * A private person's taxpayer number (ИНН физического лица): twelve digits, the last two check
 * digits. A ten-digit number belongs to an organisation and is refused here.
 */
public record Inn(String digits) {

    private static final Pattern TWELVE_DIGITS = Pattern.compile("[0-9]{12}");
    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0-]");
    private static final int[] ELEVENTH = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] TWELFTH = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

    public Inn {
        if (TEN_DIGITS.matcher(digits).matches()) {
            throw new InvalidValue("inn", "identity.inn.not-individual",
                    "a 10-digit INN belongs to an organisation, a person's has 12 digits");
        }
        if (!TWELVE_DIGITS.matcher(digits).matches()) {
            throw new InvalidValue("inn", "identity.inn.format", "a person's INN must be 12 digits");
        }
        if (checkDigit(digits, ELEVENTH) != digits.charAt(10) - '0'
                || checkDigit(digits, TWELFTH) != digits.charAt(11) - '0') {
            throw new InvalidValue("inn", "identity.inn.checksum", "INN check digits do not match");
        }
    }

    /** Reads the number with or without spaces. */
    public static Inn parse(String userInput) {
        return new Inn(SEPARATORS.matcher(userInput.strip()).replaceAll(""));
    }

    /** Only the check digits show, so an INN that reaches a log reveals nothing. */
    @Override
    public String toString() {
        return "Inn[**********" + digits.substring(10) + "]";
    }

    /** The tax service's rule: a weighted sum of the preceding digits, modulo 11, then modulo 10. */
    private static int checkDigit(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum % 11 % 10;
    }
}
