package ru.gospochta;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A known administrator for tests, created through the same table and hashing as real staff. */
public final class TestStaff {

    public static final String ADMIN = "test-admin";
    public static final String PASSWORD = "Test-Admin-Password-1!";

    private TestStaff() {
    }

    public static void ensureAdmin(JdbcClient db, PasswordEncoder passwords) {
        ensure(db, passwords, ADMIN, PASSWORD, "ADMIN");
    }

    /**
     * Creates or resets a staff account straight in the identity module's table, whose own
     * repository is internal to that module.
     */
    public static void ensure(JdbcClient db, PasswordEncoder passwords, String login, String password, String role) {
        db.sql("""
                INSERT INTO identity.staff_accounts (login, password_hash, display_name, role)
                VALUES (:login, :hash, :login, :role)
                ON CONFLICT (login) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role""")
                .param("login", login)
                .param("hash", passwords.encode(password))
                .param("role", role)
                .update();
    }
}
