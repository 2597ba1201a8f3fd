package ru.gospochta.identity.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import ru.gospochta.identity.StaffRole;
import ru.gospochta.platform.DemoCredential;
import ru.gospochta.platform.DemoSecrets;
import ru.gospochta.platform.DemoSeeder;

/** Demo staff: an administrator and a support operator. */
@Component
class StaffDemoSeeder implements DemoSeeder {

    static final String ADMIN_LOGIN = "admin";
    static final String ROLE = "administrator";
    static final String SUPPORT_LOGIN = "support";
    static final String SUPPORT_ROLE = "support-operator";

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
        String support = secrets.get(SUPPORT_ROLE);
        if (!accounts.matches(SUPPORT_LOGIN, support)) {
            accounts.save(SUPPORT_LOGIN, support, "Демо-оператор поддержки", StaffRole.SUPPORT_OPERATOR);
        }
        return List.of(new DemoCredential(ROLE, "/admin", ADMIN_LOGIN, password),
                new DemoCredential(SUPPORT_ROLE, "/admin/identity-documents", SUPPORT_LOGIN, support));
    }
}
