package ru.gospochta.mailbox.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

import ru.gospochta.platform.StartupProblem;

/**
 * Master keys from a PKCS#12 keystore the operator keeps (production): AES-256 secret-key entries
 * named {@code <alias>-<version>}, e.g. made with
 * {@code keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12 -alias mailbox-master-2}.
 * The file is read again when it changes, so a node picks up a newly added version without a
 * restart; removing an old version is the operator's step, once no data key is wrapped by it.
 */
public final class KeystoreMasterKeys implements MasterKeys {

    private final Path file;
    private final char[] password;
    private final String aliasPrefix;
    private final Pattern alias;
    private volatile NavigableMap<Integer, MasterKey> keys;
    private volatile FileTime readAt;

    private KeystoreMasterKeys(Path file, char[] password, String aliasPrefix) {
        this.file = file;
        this.password = password.clone();
        this.aliasPrefix = aliasPrefix;
        this.alias = Pattern.compile(Pattern.quote(aliasPrefix.toLowerCase()) + "-(\\d{1,9})");
        this.readAt = FileTime.fromMillis(0);
        this.keys = Collections.emptyNavigableMap();
    }

    public static KeystoreMasterKeys open(Path file, String password, String aliasPrefix) {
        KeystoreMasterKeys store = new KeystoreMasterKeys(file, password.toCharArray(), aliasPrefix);
        try {
            store.reload();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new StartupProblem("The mailbox master keystore " + file + " cannot be used (" + e.getMessage() + ").",
                    "Point gospochta.mailbox.master-key-file at a PKCS#12 keystore with an AES-256 entry named "
                            + aliasPrefix + "-1 and set gospochta.mailbox.master-key-password.", e);
        }
        return store;
    }

    @Override
    public MasterKey current() {
        refresh();
        return keys.lastEntry().getValue();
    }

    @Override
    public MasterKey version(int version) {
        MasterKey key = keys.get(version);
        if (key == null) {
            refresh();
            key = keys.get(version);
        }
        if (key == null) {
            throw new MasterKeyMissing(version, describe());
        }
        return key;
    }

    @Override
    public List<Integer> versions() {
        refresh();
        return List.copyOf(keys.keySet());
    }

    @Override
    public MasterKey rotate() {
        refresh();
        return keys.lastEntry().getValue();
    }

    @Override
    public List<Integer> retireAllBut(int version) {
        return List.of();
    }

    @Override
    public String describe() {
        return "the keystore " + file;
    }

    private void refresh() {
        try {
            if (!Files.getLastModifiedTime(file).equals(readAt)) {
                reload();
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // A keystore being replaced or briefly unreadable keeps the keys already read.
            if (keys.isEmpty()) {
                throw new IllegalStateException("the mailbox master keystore " + file + " cannot be read", e);
            }
        }
    }

    private synchronized void reload() throws IOException, GeneralSecurityException {
        FileTime modified = Files.getLastModifiedTime(file);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        NavigableMap<Integer, MasterKey> read = new TreeMap<>();
        for (String name : Collections.list(store.aliases())) {
            Matcher m = alias.matcher(name.toLowerCase());
            if (m.matches() && store.isKeyEntry(name)) {
                Key key = store.getKey(name, password);
                if (key instanceof SecretKey secret && "AES".equalsIgnoreCase(secret.getAlgorithm())) {
                    int version = Integer.parseInt(m.group(1));
                    read.put(version, new MasterKey(version, Aead.key(secret.getEncoded())));
                }
            }
        }
        if (read.isEmpty()) {
            throw new IllegalStateException("it holds no AES-256 entry named " + aliasPrefix + "-<version>");
        }
        keys = read;
        readAt = modified;
    }
}
