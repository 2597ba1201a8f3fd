package ru.gospochta.identity;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ru.gospochta.identity.internal.CommonPasswords;
import ru.gospochta.identity.internal.GuessablePatterns;
import ru.gospochta.identity.internal.PersonalTraces;
import ru.gospochta.identity.internal.StrengthMeter;
import ru.gospochta.identity.internal.StrengthMeter.Measurement;
import ru.gospochta.identity.internal.Transliteration;

/**
 * The password rules of ACC-4: what a password must have, what it must not contain, and how
 * strong it is for the meter on the form. Construct it once and share it: building reads
 * dictionaries, checking is thread-safe.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    public static final int RECOMMENDED_LENGTH = 12;

    private final StrengthMeter meter;
    private final CommonPasswords common;

    public PasswordPolicy() {
        this.meter = new StrengthMeter();
        this.common = new CommonPasswords(meter.leakedPasswords());
    }

    /**
     * Every rule the password breaks, in a fixed order; empty when it may be used.
     *
     * @param about what is known about the person, to refuse passwords made of it
     */
    public List<PasswordViolation> check(String password, PersonalData about) {
        Set<PasswordViolation> broken = EnumSet.noneOf(PasswordViolation.class);
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            broken.add(PasswordViolation.TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            broken.add(PasswordViolation.TOO_LONG);
        }
        if (password.codePoints().noneMatch(Character::isUpperCase)) {
            broken.add(PasswordViolation.NEEDS_UPPER);
        }
        if (password.codePoints().noneMatch(Character::isLowerCase)) {
            broken.add(PasswordViolation.NEEDS_LOWER);
        }
        if (password.codePoints().noneMatch(Character::isDigit)) {
            broken.add(PasswordViolation.NEEDS_DIGIT);
        }
        if (password.codePoints().allMatch(Character::isLetterOrDigit)) {
            broken.add(PasswordViolation.NEEDS_SPECIAL);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (GuessablePatterns.hasRun(lower)) {
            broken.add(PasswordViolation.SEQUENCE);
        }
        if (GuessablePatterns.hasRepeat(lower)) {
            broken.add(PasswordViolation.REPEAT);
        }
        PersonalTraces traces = PersonalTraces.of(about);
        if (traces.containsName(Transliteration.foldCase(password))) {
            broken.add(PasswordViolation.CONTAINS_NAME);
        }
        if (traces.containsBirthDate(password)) {
            broken.add(PasswordViolation.CONTAINS_BIRTH_DATE);
        }
        if (traces.containsPhone(password)) {
            broken.add(PasswordViolation.CONTAINS_PHONE);
        }
        if (traces.containsSnils(password)) {
            broken.add(PasswordViolation.CONTAINS_SNILS);
        }
        if (common.contains(password)) {
            broken.add(PasswordViolation.COMMON);
        }
        return List.copyOf(broken);
    }

    /**
     * The meter's reading as the person types. Only the first {@value #MAX_LENGTH} characters
     * are measured, since zxcvbn's work grows quickly with length and longer passwords are
     * refused anyway.
     */
    public PasswordStrength strength(String password, PersonalData about) {
        String measured = password.length() > MAX_LENGTH ? password.substring(0, MAX_LENGTH) : password;
        Measurement measurement = meter.measure(measured, PersonalTraces.of(about).userInputs());
        boolean recommendLonger = password.codePointCount(0, password.length()) < RECOMMENDED_LENGTH;
        return new PasswordStrength(measurement.score(), recommendLonger, measurement.hint());
    }
}
