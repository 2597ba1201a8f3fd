package ru.gospochta.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * A mobile number that can receive SMS codes, stored in E.164 form ({@code +79161234567}).
 * Numbers written without a country are read as Russian.
 */
public record PhoneNumber(String e164) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "RU";

    public PhoneNumber {
        Phonenumber.PhoneNumber parsed = read(e164);
        if (!PHONES.format(parsed, PhoneNumberFormat.E164).equals(e164)) {
            throw new InvalidValue("phone", "identity.phone.format", "phone number is not in E.164 form");
        }
    }

    /** Reads the usual spellings: {@code 8 916 123-45-67}, {@code +7 (916) 123-45-67}, {@code 9161234567}. */
    public static PhoneNumber parse(String userInput) {
        return new PhoneNumber(PHONES.format(read(userInput.strip()), PhoneNumberFormat.E164));
    }

    /**
     * The number with its middle hidden, for telling where a code went: {@code +7 916 ***-**-67}.
     */
    public String masked() {
        Phonenumber.PhoneNumber parsed = read(e164);
        String national = PHONES.getNationalSignificantNumber(parsed);
        String country = "+" + parsed.getCountryCode() + " ";
        String lastTwo = national.substring(national.length() - 2);
        if (national.length() == 10) {
            return country + national.substring(0, 3) + " ***-**-" + lastTwo;
        }
        if (national.length() < 6) {
            return country + "*".repeat(national.length() - 2) + lastTwo;
        }
        return country + national.substring(0, 3) + " " + "*".repeat(national.length() - 5) + lastTwo;
    }

    /** The number as a person reads it; masked, so a phone number that reaches a log reveals little. */
    @Override
    public String toString() {
        return "PhoneNumber[" + masked() + "]";
    }

    private static Phonenumber.PhoneNumber read(String text) {
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = PHONES.parse(text, DEFAULT_REGION);
        } catch (NumberParseException unreadable) {
            throw new InvalidValue("phone", "identity.phone.format", "not a phone number: " + unreadable.getErrorType());
        }
        if (!PHONES.isValidNumber(parsed)) {
            throw new InvalidValue("phone", "identity.phone.format", "no such phone number in the numbering plan");
        }
        PhoneNumberType type = PHONES.getNumberType(parsed);
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            throw new InvalidValue("phone", "identity.phone.not-mobile", "a " + type + " number cannot receive SMS codes");
        }
        return parsed;
    }
}
