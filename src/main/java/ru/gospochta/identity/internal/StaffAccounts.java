package ru.gospochta.identity.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.identity.StaffRole;

/** Staff accounts of the admin area, their passwords hashed with Argon2id. */
@Repository
class StaffAccounts implements UserDetailsService {

    private final JdbcClient db;
    private final PasswordEncoder passwords;

    StaffAccounts(JdbcClient db, PasswordEncoder passwords) {
        this.db = db;
        this.passwords = passwords;
    }

    record StaffAccount(String login, String passwordHash, String displayName, StaffRole role, boolean enabled) {
    }

    Optional<StaffAccount> find(String login) {
        return db.sql("""
                SELECT login, password_hash, display_name, role, enabled
                FROM identity.staff_accounts WHERE login = :login""")
                .param("login", login.toLowerCase())
                .query((rs, n) -> new StaffAccount(rs.getString("login"), rs.getString("password_hash"),
                        rs.getString("display_name"), StaffRole.valueOf(rs.getString("role")), rs.getBoolean("enabled")))
                .optional();
    }

    /** Creates the account, or resets its password and role when it exists. */
    @Transactional
    void save(String login, String rawPassword, String displayName, StaffRole role) {
        db.sql("""
                INSERT INTO identity.staff_accounts (login, password_hash, display_name, role)
                VALUES (:login, :hash, :name, :role)
                ON CONFLICT (login) DO UPDATE
                SET password_hash = EXCLUDED.password_hash, display_name = EXCLUDED.display_name, role = EXCLUDED.role""")
                .param("login", login.toLowerCase())
                .param("hash", passwords.encode(rawPassword))
                .param("name", displayName)
                .param("role", role.name())
                .update();
    }

    boolean matches(String login, String rawPassword) {
        return find(login).map(a -> passwords.matches(rawPassword, a.passwordHash())).orElse(false);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        StaffAccount account = find(username).orElseThrow(() -> new UsernameNotFoundException("no such staff account"));
        return User.withUsername(account.login())
                .password(account.passwordHash())
                .authorities(List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name())))
                .disabled(!account.enabled())
                .build();
    }
}
