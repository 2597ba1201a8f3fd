package ru.gospochta.platform;

import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Gospochta keeps its state and which database it talks to.
 *
 * @param dataDir the data directory: embedded database, stored files, generated keys, demo credentials
 * @param demo whether to seed demo accounts at start-up
 * @param db the external database; when {@code url} is empty (and Spring's own
 *           {@code spring.datasource.url} is not set) an embedded PostgreSQL is started in the data directory
 * @param keys server keys by name, base64; those not given are generated in the data directory
 * @param publicUrl the address citizens reach the portal at, for links in letters
 */
@Validated
@ConfigurationProperties("gospochta")
public record PlatformProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue("false") boolean demo,
        @DefaultValue @Valid Db db,
        Map<String, String> keys,
        @DefaultValue("http://localhost:8080") @NotNull java.net.URI publicUrl) {

    public PlatformProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    /**
     * @param url JDBC URL of an external PostgreSQL ({@code GOSPOCHTA_DB_URL})
     * @param embeddedPort port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one
     */
    public record Db(
            @Nullable String url,
            @Nullable String user,
            @Nullable String password,
            @DefaultValue("0") @Min(0) @Max(65535) int embeddedPort) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }
}
