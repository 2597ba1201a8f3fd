package ru.gospochta.identity.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import ru.gospochta.identity.StaffRole;
import ru.gospochta.platform.DemoCredential;
import ru.gospochta.platform.DemoSecrets;
import ru.gospochta.platform.DemoSeeder;

/** Demo administrator for the admin area. */
@Component
class StaffDemoSeeder implements DemoSeeder {

    static final String ADMIN_LOGIN = "admin";
    static final String ROLE = "administrator";

    private final StaffAccounts accounts;

    StaffDemoSeeder(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public List<DemoCredential> seed(DemoSecrets secrets) {
        String password = secrets.get(ROLE);
        if (!accounts.matches(ADMIN_LOGIN, password)) {
            accounts.save(ADMIN_LOGIN, password, "Демо-администратор", StaffRole.ADMIN);
        }
        return List.of(new DemoCredential(ROLE, "/admin", ADMIN_LOGIN, password));
    }
}
