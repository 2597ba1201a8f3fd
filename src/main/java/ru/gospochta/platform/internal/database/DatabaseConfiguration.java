package ru.gospochta.platform.internal.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import ru.gospochta.platform.DataDirectory;
import ru.gospochta.platform.PlatformProperties;
import ru.gospochta.platform.StartupProblem;

/**
 * Chooses the database: {@code gospochta.db.url} first, then Spring's {@code spring.datasource.url},
 * and with neither an embedded PostgreSQL in the data directory.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataDirectory dataDirectory(PlatformProperties properties) {
        return DataDirectory.open(properties.dataDir());
    }

    @Bean(destroyMethod = "close")
    @Conditional(NoExternalDatabase.class)
    EmbeddedDatabase embeddedDatabase(DataDirectory dataDirectory, PlatformProperties properties) {
        return EmbeddedDatabase.start(dataDirectory.root().resolve("postgres"), properties.db().embeddedPort());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(PlatformProperties properties, DataSourceProperties spring,
            ObjectProvider<EmbeddedDatabase> embedded) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("gospochta");
        EmbeddedDatabase local = embedded.getIfAvailable();
        if (local != null) {
            dataSource.setJdbcUrl(local.jdbcUrl());
            dataSource.setUsername("postgres");
            return dataSource;
        }
        PlatformProperties.Db db = properties.db();
        String url = db.external() ? db.url() : spring.getUrl();
        String user = db.external() ? db.user() : spring.getUsername();
        String password = db.external() ? db.password() : spring.getPassword();
        checkReachable(url, user, password);
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /**
     * Tries one connection before the pool exists, so a wrong address or password is reported
     * as one sentence instead of the pool's stack trace.
     */
    static void checkReachable(@Nullable String url, @Nullable String user, @Nullable String password) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new StartupProblem("The database URL \"" + ExternalDatabases.redact(url) + "\" is not a PostgreSQL JDBC URL.",
                    "Set GOSPOCHTA_DB_URL to jdbc:postgresql://host:5432/database, or unset it to use the embedded database.");
        }
        Properties info = new Properties();
        if (user != null) {
            info.setProperty("user", user);
        }
        if (password != null) {
            info.setProperty("password", password);
        }
        info.setProperty("connectTimeout", "10");
        try (Connection ignored = DriverManager.getConnection(url, info)) {
            // reachable and the credentials are accepted
        } catch (SQLException e) {
            throw ExternalDatabases.unreachable(url, e);
        }
    }
}
