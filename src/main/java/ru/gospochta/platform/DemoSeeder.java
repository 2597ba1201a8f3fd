package ru.gospochta.platform;

import java.util.List;

/**
 * A module's part of the demo data. Called at start-up when demo mode is on; it must be
 * idempotent (a restart finds its accounts already there) and reuse the secrets it is given.
 */
public interface DemoSeeder {

    /**
     * @param secrets the passwords and client secrets of earlier runs, by key, so a restart keeps them
     * @return the credentials a newcomer needs to use what this module seeded
     */
    List<DemoCredential> seed(DemoSecrets secrets);
}
