package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;

/** An admin creates users through the Users page; bad input is shown at the field and not stored. */
@WithMockUser(username = "admin", roles = "ADMIN")
class UsersViewTest extends ConsoleViewTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminCreatesAUserAndSeesItInTheGrid() {
        String name = TestAccounts.uniqueName("view");
        navigate(UsersView.class);
        test($(Button.class).id("new-user")).click();

        test($(TextField.class).id("user-name")).setValue(name);
        test($(PasswordField.class).id("user-password")).setValue("a-fine-initial-password");
        @SuppressWarnings("unchecked")
        CheckboxGroup<Role> roles = $(CheckboxGroup.class).id("user-roles");
        test(roles).selectItem(Role.OPERATOR.description());
        test($(Button.class).id("save-user")).click();

        assertThat($(TextField.class).all()).as("the dialog closed").noneMatch(f -> "user-name".equals(f.getId().orElse(null)));
        Grid<?> grid = $(Grid.class).id("users-grid");
        var gridTester = test(grid);
        int row = IntStream.range(0, gridTester.size())
                .filter(i -> gridTester.getCellText(i, 0).equals(name)).findFirst().orElse(-1);
        assertThat(row).as("new user %s listed in the grid", name).isNotNegative();
        assertThat(gridTester.getCellText(row, 2)).isEqualTo("OPERATOR");
        assertThat(TestAccounts.userExists(jdbc, name)).isTrue();
        assertThat(jdbc.sql("SELECT must_change_password FROM app_user WHERE username = ?").param(name).query(Boolean.class).single())
                .as("a new user must change the initial password").isTrue();
        assertThat(TestAccounts.auditCount(jdbc, "user.create", "admin", "ok", name)).isEqualTo(1);
    }

    @Test
    void badUserNameShowsTheRuleAtTheFieldAndStoresNothing() {
        navigate(UsersView.class);
        int before = test($(Grid.class).id("users-grid")).size();
        test($(Button.class).id("new-user")).click();

        TextField username = $(TextField.class).id("user-name");
        test(username).setValue("Bad Name");
        test($(PasswordField.class).id("user-password")).setValue("a-fine-initial-password");
        @SuppressWarnings("unchecked")
        CheckboxGroup<Role> roles = $(CheckboxGroup.class).id("user-roles");
        test(roles).selectItem(Role.AUDITOR.description());
        test($(Button.class).id("save-user")).click();

        assertThat(username.isInvalid()).isTrue();
        assertThat(username.getErrorMessage()).contains("lower-case letter").contains("2 to 32 characters");
        assertThat($(TextField.class).id("user-name")).as("the dialog stays open to fix the name").isSameAs(username);
        assertThat(TestAccounts.userExists(jdbc, "Bad Name")).isFalse();
        assertThat(TestAccounts.userExists(jdbc, "bad name")).isFalse();
        assertThat(test($(Grid.class).id("users-grid")).size()).isEqualTo(before);
        assertThat(TestAccounts.auditCount(jdbc, "user.create", "admin", "failed", "Bad Name")).isEqualTo(1);
    }

    @Test
    void shortPasswordShowsTheRuleAtThePasswordField() {
        String name = TestAccounts.uniqueName("short");
        navigate(UsersView.class);
        test($(Button.class).id("new-user")).click();
        test($(TextField.class).id("user-name")).setValue(name);
        PasswordField password = $(PasswordField.class).id("user-password");
        test(password).setValue("elevenchars");
        @SuppressWarnings("unchecked")
        CheckboxGroup<Role> roles = $(CheckboxGroup.class).id("user-roles");
        test(roles).selectItem(Role.AUDITOR.description());
        test($(Button.class).id("save-user")).click();

        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).contains("at least 12 characters");
        assertThat(TestAccounts.userExists(jdbc, name)).isFalse();
    }
}
