package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.guests.GuestService;
import org.vsconsole.jobs.JobService;
import org.vsconsole.limits.LimitEdit;
import org.vsconsole.limits.LimitService;
import org.vsconsole.monitoring.AlertService;
import org.vsconsole.monitoring.AlertSettings;

/**
 * A read-only API token changes nothing even where the HTTP method filter is not in the way: a
 * state-changing service called under the authentication the token signs in with (as a GET
 * handler, a job or a future endpoint might) is refused before it runs and audited as denied,
 * naming the token's scope; reads still work. A full-scope token of the same owner is not
 * refused by the guard.
 */
@ConsoleSpringTest
class ReadOnlyTokenServicesTest {

    private static final String PASSWORD = "read-only-owner-password-7";

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserAccountService accounts;

    @Autowired
    GuestService guests;

    @Autowired
    LimitService limits;

    @Autowired
    JobService jobs;

    @Autowired
    AlertService alerts;

    @Autowired
    CurrentUser currentUser;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyStateChangeUnderAReadOnlyAdminTokenIsRefusedAndAuditedWhileReadsWork() {
        String admin = TestAccounts.uniqueName("ro-admin");
        TestAccounts.createActive(accounts, admin, PASSWORD, Role.ADMIN);
        signInWith(admin, true, Role.ADMIN);
        assertThat(currentUser.readOnly()).isTrue();
        assertThat(currentUser.mayOperate("any-guest")).isFalse();

        Map<String, Runnable> changes = new LinkedHashMap<>();
        changes.put("guest.start", () -> guests.start("ro-guest"));
        changes.put("guest.stop", () -> guests.stop("ro-guest"));
        changes.put("guest.delete", () -> guests.delete("ro-guest", "ro-guest"));
        changes.put("limits.set", () -> limits.apply("ro-guest", Map.of("nproc", new LimitEdit("10", "20")), false, true, "d"));
        changes.put("user.create", () -> accounts.create(TestAccounts.uniqueName("made"), "Some-long-passw0rd-x",
                EnumSet.of(Role.ADMIN), Set.of()));
        changes.put("user.change-password", () -> accounts.changeOwnPassword(PASSWORD, "Hijacked-passw0rd-9x"));
        changes.put("token.create", () -> tokens.create("child", 7, false));
        changes.put("job.cancel", () -> jobs.cancel(1));
        changes.put("alert.settings", () -> alerts.update(AlertSettings.DEFAULTS));
        changes.forEach((action, call) -> {
            long before = denied(action, admin);
            assertThatThrownBy(call::run).as(action).isInstanceOf(AccessDeniedException.class).hasMessageContaining("read-only");
            assertThat(denied(action, admin)).as(action + " audited as denied").isEqualTo(before + 1);
        });
        assertThat(jdbc.sql("SELECT message FROM audit_event WHERE actor = ? AND action = 'guest.start' ORDER BY seq DESC LIMIT 1")
                .param(admin).query(String.class).single()).contains("read-only");
        assertThat(jdbc.sql("SELECT target_guest FROM audit_event WHERE actor = ? AND action = 'guest.start' ORDER BY seq DESC"
                + " LIMIT 1").param(admin).query(String.class).single()).isEqualTo("ro-guest");

        // reads are not changes
        assertThat(guests.list()).isNotNull();
        assertThat(accounts.list()).extracting(UserAccount::username).contains(admin);
        assertThat(accounts.me().username()).isEqualTo(admin);
    }

    @Test
    void aFullScopeTokenOfTheSameOwnerIsNotRefusedByTheGuard() {
        String admin = TestAccounts.uniqueName("rw-admin");
        TestAccounts.createActive(accounts, admin, PASSWORD, Role.ADMIN);
        signInWith(admin, false, Role.ADMIN);
        assertThat(currentUser.readOnly()).isFalse();
        assertThat(currentUser.mayOperate("any-guest")).isTrue();
        AlertSettings now = alerts.settings();
        assertThat(alerts.update(now)).isEqualTo(now);
    }

    @Test
    void aReadOnlyOwnersTokenMayNotOperateItsOwnGuest() {
        String owner = TestAccounts.uniqueName("ro-owner");
        TestAccounts.as("admin", () -> accounts.create(owner, "Initial-" + PASSWORD, EnumSet.of(Role.OWNER), Set.of("ro-own")),
                Role.ADMIN);
        TestAccounts.as(owner, () -> {
            accounts.changeOwnPassword("Initial-" + PASSWORD, PASSWORD);
            return null;
        }, Role.OWNER);
        signInWith(owner, true, Role.OWNER);
        assertThat(currentUser.maySee("ro-own")).as("reads its own guest").isTrue();
        assertThat(currentUser.mayOperate("ro-own")).as("but changes nothing").isFalse();
        assertThatThrownBy(() -> guests.start("ro-own")).isInstanceOf(AccessDeniedException.class).hasMessageContaining("read-only");
    }

    /** Makes a token as {@code user} and signs in with it as the Bearer filter would. */
    private void signInWith(String user, boolean readOnly, Role role) {
        NewApiToken made = TestAccounts.as(user, () -> tokens.create(TestAccounts.uniqueName("t"), 7, readOnly), role);
        ApiTokenAuthentication auth = tokens.authenticate(made.token()).orElseThrow();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
    }

    private long denied(String action, String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND actor = ? AND outcome = 'denied'")
                .params(action, actor).query(Long.class).single();
    }
}
