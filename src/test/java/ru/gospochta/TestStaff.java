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
        db.sql("""
                INSERT INTO identity.staff_accounts (login, password_hash, display_name, role)
                VALUES (:login, :hash, 'Test administrator', 'ADMIN') ON CONFLICT (login) DO NOTHING""")
                .param("login", ADMIN).param("hash", passwords.encode(PASSWORD)).update();
    }
}
