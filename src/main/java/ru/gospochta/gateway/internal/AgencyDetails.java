package ru.gospochta.gateway.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/** What an administrator enters about an agency, checked as a whole so every problem shows at once. */
public record AgencyDetails(String name, String shortName, Ogrn ogrn, OrganisationInn inn) {

    public static final int MIN_NAME = 3;
    public static final int MAX_NAME = 300;
    public static final int MIN_SHORT_NAME = 2;
    public static final int MAX_SHORT_NAME = 100;

    /**
     * @throws RegistryRefused naming every field that is wrong
     */
    public static AgencyDetails parse(String name, String shortName, String ogrn, String inn) {
        Map<String, String> problems = new LinkedHashMap<>();
        String tidyName = Names.tidy(name);
        if (!Names.fits(tidyName, MIN_NAME, MAX_NAME)) {
            problems.put("name", "gateway.agency.name.length");
        }
        String tidyShort = Names.tidy(shortName);
        if (!Names.fits(tidyShort, MIN_SHORT_NAME, MAX_SHORT_NAME)) {
            problems.put("shortName", "gateway.agency.short-name.length");
        }
        Ogrn parsedOgrn = collect(problems, () -> Ogrn.parse(ogrn));
        OrganisationInn parsedInn = collect(problems, () -> OrganisationInn.parse(inn));
        if (!problems.isEmpty() || parsedOgrn == null || parsedInn == null) {
            throw new RegistryRefused(problems);
        }
        return new AgencyDetails(tidyName, tidyShort, parsedOgrn, parsedInn);
    }

    private static <T> @Nullable T collect(Map<String, String> problems, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RegistryRefused refused) {
            problems.putAll(refused.problems());
            return null;
        }
    }
}
