package ru.gospochta.platform.internal.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Each module owns a PostgreSQL schema named after it, migrated from
 * {@code db/migration/<module>} with its own history table, so modules version their tables
 * independently. The platform schema goes first; the rest follow by name.
 */
@Component
class ModuleMigrations implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);
    private static final Pattern MODULE_FOLDER = Pattern.compile(".*/db/migration/([a-z]+)/[^/]+\\.sql$");

    @Override
    public void migrate(Flyway configured) {
        for (String module : modules()) {
            var result = Flyway.configure()
                    .configuration(configured.getConfiguration())
                    .schemas(module)
                    .defaultSchema(module)
                    .createSchemas(true)
                    .locations("classpath:db/migration/" + module)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info("Schema {}: {} migration(s) applied, now at version {}", module, result.migrationsExecuted,
                        result.targetSchemaVersion);
            }
        }
    }

    static List<String> modules() {
        try {
            Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*/*.sql");
            return Stream.of(scripts)
                    .map(ModuleMigrations::moduleOf)
                    .filter(Objects::nonNull)
                    .distinct()
                    .sorted(Comparator.comparing((String m) -> !m.equals("platform")).thenComparing(m -> m))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String moduleOf(Resource script) {
        try {
            Matcher matcher = MODULE_FOLDER.matcher(script.getURL().toString());
            return matcher.matches() ? matcher.group(1) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
