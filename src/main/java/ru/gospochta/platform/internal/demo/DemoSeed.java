package ru.gospochta.platform.internal.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.platform.DataDirectory;
import ru.gospochta.platform.DemoCredential;
import ru.gospochta.platform.DemoSecrets;
import ru.gospochta.platform.DemoSeeder;

/**
 * Demo mode: asks every module's {@link DemoSeeder} for its demo data, then prints the
 * credentials and writes them to {@code <data dir>/demo-credentials.json} (readable by the owner only).
 */
@Component
@ConditionalOnBooleanProperty("gospochta.demo")
class DemoSeed implements ApplicationRunner {

    static final String FILE = "demo-credentials.json";
    private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);

    private final List<DemoSeeder> seeders;
    private final DataDirectory dataDirectory;
    private final JsonMapper json;

    DemoSeed(List<DemoSeeder> seeders, DataDirectory dataDirectory, JsonMapper json) {
        this.seeders = seeders;
        this.dataDirectory = dataDirectory;
        this.json = json;
    }

    record CredentialsFile(Instant seededAt, List<DemoCredential> credentials) {
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Path file = dataDirectory.root().resolve(FILE);
        DemoSecrets secrets = new DemoSecrets(knownSecrets(file));
        List<DemoCredential> credentials = new ArrayList<>();
        for (DemoSeeder seeder : seeders) {
            credentials.addAll(seeder.seed(secrets));
        }
        write(file, new CredentialsFile(Instant.now(), credentials));
        StringBuilder banner = new StringBuilder("Demo mode is on. Demo sign-ins (also in ").append(file).append("):");
        for (DemoCredential c : credentials) {
            banner.append(System.lineSeparator()).append("  ").append(c.role()).append(" — ").append(c.where())
                    .append(" — login: ").append(c.login()).append(" — secret: ").append(c.secret());
        }
        log.info(banner.toString());
    }

    private Map<String, String> knownSecrets(Path file) {
        Map<String, String> known = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                CredentialsFile earlier = json.readValue(file.toFile(), CredentialsFile.class);
                earlier.credentials().forEach(c -> known.put(c.role(), c.secret()));
            } catch (RuntimeException e) {
                log.warn("{} could not be read ({}); new demo secrets are generated", file, e.getMessage());
            }
        }
        return known;
    }

    private void write(Path file, CredentialsFile content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".demo-credentials", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
