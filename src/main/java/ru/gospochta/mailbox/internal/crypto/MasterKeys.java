package ru.gospochta.mailbox.internal.crypto;

import java.util.List;

/**
 * Where the master keys come from: a keystore the operator keeps (production) or a file generated
 * in the data directory (the embedded default). Versions only grow; the newest is current.
 */
public interface MasterKeys {

    /** The key new data keys are wrapped with. */
    MasterKey current();

    /** @throws MasterKeyMissing when that version is not (or no longer) held */
    MasterKey version(int version);

    /** The versions held, oldest first. */
    List<Integer> versions();

    /**
     * Makes a newer master key current for a rotation: the generated store makes one, a keystore
     * offers its newest entry (added by the operator beforehand).
     */
    MasterKey rotate();

    /**
     * Forgets every version but the one given, once no data key needs them; returns the versions
     * dropped. A keystore is the operator's to edit, so nothing is dropped from it.
     */
    List<Integer> retireAllBut(int version);

    /** Where the keys are kept, for operators (never the keys themselves). */
    String describe();

    /** A data key is wrapped under a master key version that is not held. */
    final class MasterKeyMissing extends IllegalStateException {

        MasterKeyMissing(int version, String where) {
            super("master key version " + version + " is not in " + where);
        }
    }
}
