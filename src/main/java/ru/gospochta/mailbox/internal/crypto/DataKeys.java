package ru.gospochta.mailbox.internal.crypto;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ru.gospochta.mailbox.internal.MailboxProperties;

/**
 * The mailboxes' data keys: made on a mailbox's first message, kept wrapped by the master key in
 * {@code mailbox.data_keys}, unwrapped on use and kept in memory for a while. A key enters the
 * memory only once the transaction that found or made it has committed, so a rolled-back delivery
 * never leaves behind a key that the database does not have.
 */
@Component
public class DataKeys {

    /** Every mailbox seals with version 1 for now; a later data-key rotation would add versions. */
    public static final int CURRENT_VERSION = 1;
    /**
     * Creating data keys holds this advisory lock shared; a rotation takes it exclusively before
     * its last pass, so no key wrapped by a retiring master key can commit after that pass.
     */
    static final long CREATION_LOCK = 0x6d61696c626f786bL;

    private record Id(UUID account, int version) {
    }

    private final JdbcClient db;
    private final MasterKeys masterKeys;
    private final Clock clock;
    private final Map<Id, DataKey> cache;

    DataKeys(JdbcClient db, MasterKeys masterKeys, Clock clock, MailboxProperties properties) {
        this.db = db;
        this.masterKeys = masterKeys;
        this.clock = clock;
        int capacity = properties.dataKeyCache();
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Id, DataKey> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The current data key of each mailbox, made for those that have none yet. */
    @Transactional
    public Map<UUID, DataKey> currentFor(Collection<UUID> accounts) {
        Map<UUID, DataKey> found = new HashMap<>();
        Set<UUID> missing = new LinkedHashSet<>();
        for (UUID account : accounts) {
            DataKey cached = cache.get(new Id(account, CURRENT_VERSION));
            if (cached != null) {
                found.put(account, cached);
            } else {
                missing.add(account);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        List<DataKey> learned = new ArrayList<>(load(missing));
        learned.forEach(k -> missing.remove(k.account()));
        if (!missing.isEmpty()) {
            learned.addAll(create(missing));
        }
        learned.forEach(k -> found.put(k.account(), k));
        rememberAfterCommit(learned);
        return found;
    }

    /** The data key a message was sealed with. */
    @Transactional(readOnly = true)
    public DataKey key(UUID account, int version) {
        DataKey cached = cache.get(new Id(account, version));
        if (cached != null) {
            return cached;
        }
        DataKey key = db.sql("SELECT account, version, wrapped, master_version FROM mailbox.data_keys"
                        + " WHERE account = :account AND version = :version")
                .param("account", account).param("version", version)
                .query(this::unwrap).optional()
                .orElseThrow(() -> new IllegalStateException("mailbox " + account + " has no data key version " + version));
        rememberAfterCommit(List.of(key));
        return key;
    }

    /** Drops every unwrapped key from memory; they are read and unwrapped again on next use. */
    public void forget() {
        cache.clear();
    }

    private List<DataKey> load(Collection<UUID> accounts) {
        return db.sql("SELECT account, version, wrapped, master_version FROM mailbox.data_keys"
                        + " WHERE account = ANY(:accounts) AND version = :version")
                .param("accounts", accounts.toArray(UUID[]::new)).param("version", CURRENT_VERSION)
                .query(this::unwrap).list();
    }

    private List<DataKey> create(Set<UUID> accounts) {
        db.sql("SELECT pg_advisory_xact_lock_shared(:lock)").param("lock", CREATION_LOCK).query().singleRow();
        MasterKey master = masterKeys.current();
        List<DataKey> made = new ArrayList<>();
        List<byte[]> wrapped = new ArrayList<>();
        for (UUID account : accounts) {
            DataKey key = new DataKey(account, CURRENT_VERSION, Aead.newKey());
            made.add(key);
            wrapped.add(wrap(key, master));
        }
        Set<UUID> inserted = new HashSet<>(db.sql("""
                        INSERT INTO mailbox.data_keys (account, version, wrapped, master_version, created_at)
                        SELECT account, :version, wrapped, :master, :now FROM unnest(:accounts::uuid[], :wrapped::bytea[])
                            AS k(account, wrapped)
                        ON CONFLICT (account, version) DO NOTHING
                        RETURNING account""")
                .param("version", CURRENT_VERSION).param("master", master.version())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("accounts", made.stream().map(DataKey::account).toArray(UUID[]::new))
                .param("wrapped", wrapped.toArray(byte[][]::new))
                .query(UUID.class).list());
        List<DataKey> result = new ArrayList<>();
        List<UUID> lostRace = new ArrayList<>();
        for (DataKey key : made) {
            if (inserted.contains(key.account())) {
                result.add(key);
            } else {
                lostRace.add(key.account());
            }
        }
        // Another transaction made the key first and has committed it (the insert waited for it): use that one.
        if (!lostRace.isEmpty()) {
            result.addAll(load(lostRace));
        }
        return result;
    }

    static byte[] wrap(DataKey key, MasterKey master) {
        return Aead.seal(master.key(), key.key().getEncoded(), Binding.dataKey(key.account(), key.version()));
    }

    DataKey unwrap(ResultSet row, int rowNumber) throws SQLException {
        UUID account = row.getObject("account", UUID.class);
        int version = row.getInt("version");
        MasterKey master = masterKeys.version(row.getInt("master_version"));
        byte[] raw = Aead.open(master.key(), row.getBytes("wrapped"), Binding.dataKey(account, version));
        return new DataKey(account, version, Aead.key(raw));
    }

    private void rememberAfterCommit(List<DataKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            keys.forEach(k -> cache.put(new Id(k.account(), k.version()), k));
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                keys.forEach(k -> cache.put(new Id(k.account(), k.version()), k));
            }
        });
    }
}
