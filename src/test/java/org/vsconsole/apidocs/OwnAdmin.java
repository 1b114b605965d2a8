package org.vsconsole.apidocs;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vsconsole.security.Role;
import org.vsconsole.security.TestAccounts;
import org.vsconsole.security.UserAccountService;

/**
 * An ADMIN account of a test class's own: refusals are audited aggregated per caller and call,
 * so tests that refuse the same calls as another class must not do it as the same user.
 */
final class OwnAdmin {

    static final String PASSWORD = "Own-Admin-Passw0rd-long";

    private OwnAdmin() {
    }

    static String create(UserAccountService accounts, JdbcClient jdbc, String name) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?").param(name).query(Long.class)
                .single() > 0;
        if (!exists) {
            TestAccounts.as("admin", () -> accounts.create(name, PASSWORD, EnumSet.of(Role.ADMIN), Set.of()), Role.ADMIN);
            // accounts an admin makes must change their password first; not what these tests are about
            jdbc.sql("UPDATE app_user SET must_change_password = FALSE WHERE username = ?").param(name).update();
        }
        return name;
    }
}
