package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsconsole.security.TestAccounts.auditCount;
import static org.vsconsole.security.TestAccounts.userExists;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.base.InvalidInputException;

/**
 * User administration is enforced in the service, whatever calls it: non-admins are refused and
 * the refusal is audited; bad input is refused naming the field, nothing is stored, and the
 * attempt is audited as failed.
 */
@ConsoleSpringTest
class UserAccountServiceSecurityTest {

    private static final String GOOD_PASSWORD = "correct-horse-battery";

    @Autowired
    UserAccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    @WithMockUser(username = "olga-operator", roles = "OPERATOR")
    void operatorCannotCreateUsersAndTheRefusalIsAudited() {
        long before = auditCount(jdbc, "user.create", "olga-operator", "denied", "intruder");

        assertThatThrownBy(() -> accounts.create("intruder", GOOD_PASSWORD, EnumSet.of(Role.ADMIN), Set.of()))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(userExists(jdbc, "intruder")).isFalse();
        assertThat(auditCount(jdbc, "user.create", "olga-operator", "denied", "intruder")).isEqualTo(before + 1);
        String roles = jdbc.sql("SELECT actor_roles FROM audit_event WHERE actor = 'olga-operator' ORDER BY seq DESC LIMIT 1")
                .query(String.class).single();
        assertThat(roles).isEqualTo("OPERATOR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPERATOR", "AUDITOR", "OWNER"})
    void nonAdminsAreRefusedEveryUserAdministrationCall(String roleName) {
        Role role = Role.valueOf(roleName);
        String who = "not-admin-" + roleName.toLowerCase();
        long createDenied = auditCount(jdbc, "user.create", who, "denied", null);
        long resetDenied = auditCount(jdbc, "user.reset-password", who, "denied", "admin");

        assertThatThrownBy(() -> TestAccounts.as(who, () -> accounts.create("intruder2", GOOD_PASSWORD,
                EnumSet.of(Role.ADMIN), Set.of()), role)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> TestAccounts.as(who, () -> accounts.list(), role)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> TestAccounts.as(who, () -> accounts.resetPassword("admin", "taken-over-password"), role))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> TestAccounts.as(who, () -> accounts.setRoles(who, EnumSet.of(Role.ADMIN), Set.of()), role))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(userExists(jdbc, "intruder2")).isFalse();
        assertThat(auditCount(jdbc, "user.create", who, "denied", null)).isEqualTo(createDenied + 1);
        assertThat(auditCount(jdbc, "user.reset-password", who, "denied", "admin")).isEqualTo(resetDenied + 1);
        assertThat(auditCount(jdbc, "UserAccountService.list", who, "denied", null)).isPositive();
        assertThat(auditCount(jdbc, "user.set-roles", who, "denied", null)).isPositive();
        // The admin's password was not touched: admin can still be authenticated with it.
        assertThat(jdbc.sql("SELECT must_change_password FROM app_user WHERE username = 'admin'").query(Boolean.class).single()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "a", "1abc", "../x", "ab c", "Admin", "abc$", "-abc", "abcdefghijklmnopqrstuvwxyz0123456"})
    @WithMockUser(username = "admin", roles = "ADMIN")
    void badUserNamesAreRefusedNamingTheFieldAndNothingIsStored(String badName) {
        long failedBefore = auditCount(jdbc, "user.create", "admin", "failed", badName);
        long usersBefore = jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();

        assertThatThrownBy(() -> accounts.create(badName, GOOD_PASSWORD, EnumSet.of(Role.OPERATOR), Set.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("username");
                    assertThat(e.rule()).contains("2 to 32 characters").contains("lower-case letter");
                });

        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single()).isEqualTo(usersBefore);
        assertThat(auditCount(jdbc, "user.create", "admin", "failed", badName)).isEqualTo(failedBefore + 1);
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void thirtyTwoCharacterNameIsTheLongestAccepted() {
        String name = "a" + "b".repeat(31);
        accounts.create(name, GOOD_PASSWORD, EnumSet.of(Role.AUDITOR), Set.of());
        assertThat(userExists(jdbc, name)).isTrue();
        assertThat(auditCount(jdbc, "user.create", "admin", "ok", name)).isEqualTo(1);
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void shortPasswordIsRefusedNamingTheField() {
        String name = TestAccounts.uniqueName("shortpw");
        assertThatThrownBy(() -> accounts.create(name, "elevenchars", EnumSet.of(Role.OPERATOR), Set.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("password");
                    assertThat(e.rule()).contains("at least 12 characters");
                });
        assertThat(userExists(jdbc, name)).isFalse();
        assertThat(auditCount(jdbc, "user.create", "admin", "failed", name)).isEqualTo(1);

        accounts.create(name, "twelve-chars", EnumSet.of(Role.OPERATOR), Set.of());
        assertThat(userExists(jdbc, name)).as("12 characters are enough").isTrue();
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void duplicateUserIsRefusedAndTheFirstIsKept() {
        String name = TestAccounts.uniqueName("dup");
        accounts.create(name, GOOD_PASSWORD, EnumSet.of(Role.OPERATOR), Set.of());
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = ?").param(name).query(String.class).single();

        assertThatThrownBy(() -> accounts.create(name, "another-password-entirely", EnumSet.of(Role.ADMIN), Set.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("username");
                    assertThat(e.rule()).contains("already exists");
                });

        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?").param(name).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT password_hash FROM app_user WHERE username = ?").param(name).query(String.class).single())
                .isEqualTo(hash);
        assertThat(jdbc
                .sql("SELECT COUNT(*) FROM app_user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username = ? AND r.role = 'ADMIN'")
                .param(name).query(Long.class).single()).as("the duplicate attempt granted no role").isZero();
        assertThat(auditCount(jdbc, "user.create", "admin", "failed", name)).isEqualTo(1);
        assertThat(auditCount(jdbc, "user.create", "admin", "ok", name)).isEqualTo(1);
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void userWithoutRoleIsRefused() {
        String name = TestAccounts.uniqueName("norole");
        assertThatThrownBy(() -> accounts.create(name, GOOD_PASSWORD, EnumSet.noneOf(Role.class), Set.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("roles"));
        assertThat(userExists(jdbc, name)).isFalse();
    }
}
