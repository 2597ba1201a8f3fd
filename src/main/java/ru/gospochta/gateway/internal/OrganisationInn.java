package ru.gospochta.gateway.internal;

import java.util.regex.Pattern;

/**
 * An organisation's taxpayer number (ИНН юридического лица): ten digits, the last a check digit
 * of the tax service's weighted sum. A person's twelve-digit INN is refused: agencies are
 * organisations.
 */
public record OrganisationInn(String digits) {

    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0-]");
    private static final int[] WEIGHTS = {2, 4, 10, 3, 5, 9, 4, 6, 8};

    public OrganisationInn {
        if (!TEN_DIGITS.matcher(digits).matches()) {
            throw RegistryRefused.of("inn", "gateway.agency.inn.format");
        }
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        if (sum % 11 % 10 != digits.charAt(9) - '0') {
            throw RegistryRefused.of("inn", "gateway.agency.inn.checksum");
        }
    }

    /** Reads the number with or without spaces and hyphens. */
    public static OrganisationInn parse(String typed) {
        return new OrganisationInn(SEPARATORS.matcher(typed.strip()).replaceAll(""));
    }
}
