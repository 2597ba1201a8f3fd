package ru.gospochta.identity.internal.account;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.AccountState;
import ru.gospochta.identity.Recipients;

/**
 * {@link Recipients} with one query per kind of key, however many keys: a batch of a thousand
 * messages costs three round trips, not a thousand.
 */
@Component
class AccountRecipients implements Recipients {

    private static final Pattern SNILS = Pattern.compile("\\d{11}");
    private static final Pattern INN = Pattern.compile("\\d{12}");

    private record Row(UUID id, String key, AccountState state) {
    }

    private final JdbcClient db;

    AccountRecipients(JdbcClient db) {
        this.db = db;
    }

    @Override
    public Map<Key, Resolution> resolve(Collection<Key> keys) {
        Map<Key, Resolution> result = new HashMap<>();
        for (Key key : keys) {
            result.put(key, Resolution.refused(Refusal.NO_SUCH_CITIZEN));
        }
        lookUp(keys, By.SNILS, "snils", SNILS, result);
        lookUp(keys, By.INN, "inn", INN, result);
        List<Key> byId = keys.stream().filter(k -> k.by() == By.ACCOUNT_ID && isUuid(k.value())).toList();
        if (!byId.isEmpty()) {
            Map<UUID, Row> found = new HashMap<>();
            db.sql("SELECT id, state FROM identity.accounts WHERE id = ANY(:ids)")
                    .param("ids", byId.stream().map(k -> UUID.fromString(k.value())).distinct().toArray(UUID[]::new))
                    .query((rs, n) -> new Row(rs.getObject("id", UUID.class), "", AccountState.valueOf(rs.getString("state"))))
                    .list()
                    .forEach(row -> found.put(row.id(), row));
            // Looked up by value, so an id written in upper case names the same account.
            for (Key key : byId) {
                Row row = found.get(UUID.fromString(key.value()));
                if (row != null) {
                    decide(key, List.of(row), result);
                }
            }
        }
        return result;
    }

    private void lookUp(Collection<Key> keys, By by, String column, Pattern shape, Map<Key, Resolution> result) {
        List<String> values = keys.stream().filter(k -> k.by() == by).map(Key::value)
                .filter(v -> shape.matcher(v).matches()).distinct().toList();
        if (values.isEmpty()) {
            return;
        }
        Map<String, List<Row>> rows = new HashMap<>();
        db.sql("SELECT id, " + column + " AS key, state FROM identity.accounts WHERE " + column + " = ANY(:values)")
                .param("values", values.toArray(String[]::new))
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("key"),
                        AccountState.valueOf(rs.getString("state"))))
                .list()
                .forEach(row -> rows.computeIfAbsent(row.key(), k -> new java.util.ArrayList<>()).add(row));
        rows.forEach((value, found) -> decide(new Key(by, value), found, result));
    }

    private static void decide(Key key, List<Row> found, Map<Key, Resolution> result) {
        if (found.size() > 1) {
            result.put(key, Resolution.refused(Refusal.AMBIGUOUS));
        } else if (found.getFirst().state() == AccountState.REGISTERED) {
            result.put(key, Resolution.refused(Refusal.ACCOUNT_NOT_ACTIVE));
        } else {
            result.put(key, Resolution.of(found.getFirst().id()));
        }
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }
}
