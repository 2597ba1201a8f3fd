package ru.gospochta.gateway.internal;

import java.util.regex.Pattern;

/**
 * The primary state registration number of an organisation (ОГРН): thirteen digits, the last of
 * which is the remainder of the first twelve divided by 11, taken modulo 10.
 */
public record Ogrn(String digits) {

    private static final Pattern THIRTEEN_DIGITS = Pattern.compile("[0-9]{13}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0-]");

    public Ogrn {
        if (!THIRTEEN_DIGITS.matcher(digits).matches()) {
            throw RegistryRefused.of("ogrn", "gateway.agency.ogrn.format");
        }
        long body = Long.parseLong(digits.substring(0, 12));
        if (body % 11 % 10 != digits.charAt(12) - '0') {
            throw RegistryRefused.of("ogrn", "gateway.agency.ogrn.checksum");
        }
    }

    /** Reads the number with or without spaces and hyphens. */
    public static Ogrn parse(String typed) {
        return new Ogrn(SEPARATORS.matcher(typed.strip()).replaceAll(""));
    }
}
