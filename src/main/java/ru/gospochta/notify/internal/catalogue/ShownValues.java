package ru.gospochta.notify.internal.catalogue;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Variables as a letter shows them: dates and amounts in the reader's language («30.11.2026»,
 * «5 000,00»), the rest as given. The stored values stay in their exchange form.
 */
public final class ShownValues {

    private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private ShownValues() {
    }

    public static Map<String, String> of(EventType type, Map<String, String> values, Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        Map<String, String> shown = new LinkedHashMap<>(values);
        for (Variable v : type.variables()) {
            String value = values.get(v.name());
            if (value == null || v.check(value).isPresent()) {
                continue;
            }
            switch (v.kind()) {
                case DATE -> shown.put(v.name(), LocalDate.parse(value).format(english ? EN_DATE : RU_DATE));
                case AMOUNT -> shown.put(v.name(), amount(new BigDecimal(value), english));
                default -> { }
            }
        }
        return shown;
    }

    private static String amount(BigDecimal value, boolean english) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(english ? Locale.ENGLISH : Locale.of("ru"));
        if (!english) {
            symbols.setGroupingSeparator('\u00A0');
            symbols.setDecimalSeparator(',');
        }
        return new DecimalFormat("#,##0.00", symbols).format(value);
    }
}
