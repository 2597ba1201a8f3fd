package ru.gospochta.identity.internal.documents;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import ru.gospochta.identity.BirthDate;
import ru.gospochta.identity.InvalidValue;
import ru.gospochta.identity.PersonName;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Snils;

/**
 * What the first page of an access request posts, as typed: who the person says they are, and
 * the new phone they hold. Each value is read by the identity module's own value types, so it
 * obeys the rules it obeyed at registration and is refused with the same words.
 */
record AccessRequestForm(String snils, String surname, String name, String patronymic, String birthDate,
        String phone) {

    /** The fields in the order of the page, which is also the order errors are listed in. */
    static final List<String> FIELDS = List.of("snils", "surname", "name", "patronymic", "birthDate", "phone");

    /** Longer than any value the fields accept; such input is refused without being parsed. */
    static final int MAX_FIELD = 200;

    private static final String TOO_LONG = "support.field.too-long";

    /** The form read: either every value, or the message codes of what to fix, by field. */
    record Read(Map<String, List<String>> errors, @Nullable Snils snils, @Nullable PersonName name,
            @Nullable BirthDate birthDate, @Nullable PhoneNumber phone) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The form from the posted fields; a field not sent reads as empty. */
    static AccessRequestForm from(Map<String, String> posted) {
        return new AccessRequestForm(posted.getOrDefault("snils", ""), posted.getOrDefault("surname", ""),
                posted.getOrDefault("name", ""), posted.getOrDefault("patronymic", ""),
                posted.getOrDefault("birthDate", ""), posted.getOrDefault("phone", ""));
    }

    Read read(Clock clock) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Snils readSnils = field(errors, "snils", snils, () -> Snils.parse(snils));
        // Every part is measured, so each over-long one is named; only then is the name read.
        boolean partTooLong = tooLong(errors, "surname", surname) | tooLong(errors, "name", name)
                | tooLong(errors, "patronymic", patronymic);
        PersonName readName = partTooLong ? null
                : field(errors, "name", "", () -> PersonName.parse(surname, name, patronymic));
        BirthDate readDate = field(errors, "birthDate", birthDate, () -> BirthDate.parse(birthDate, clock));
        PhoneNumber readPhone = field(errors, "phone", phone, () -> PhoneNumber.parse(phone));
        return new Read(errors, readSnils, readName, readDate, readPhone);
    }

    /** The values to show again in the form; anything too long to be a value is not echoed back. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> typed = List.of(snils, surname, name, patronymic, birthDate, phone);
        for (int i = 0; i < FIELDS.size(); i++) {
            values.put(FIELDS.get(i), typed.get(i).length() > MAX_FIELD ? "" : typed.get(i));
        }
        return values;
    }

    /**
     * Parses one value; a refusal goes under the field it names (a name's refusal says which part
     * is wrong), or under {@code key}.
     */
    private static <T> @Nullable T field(Map<String, List<String>> errors, String key, String typed, Supplier<T> parse) {
        if (tooLong(errors, key, typed)) {
            return null;
        }
        try {
            return parse.get();
        } catch (InvalidValue invalid) {
            String field = key.equals("name") ? invalid.field() : key;
            errors.computeIfAbsent(field, k -> new ArrayList<>()).add(invalid.code());
            return null;
        }
    }

    private static boolean tooLong(Map<String, List<String>> errors, String field, String typed) {
        if (typed.length() <= MAX_FIELD) {
            return false;
        }
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(TOO_LONG);
        return true;
    }
}
