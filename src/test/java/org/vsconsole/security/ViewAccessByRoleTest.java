package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;
import org.vsconsole.audit.AuditView;

/** Which pages each role can open, as a user would find out by navigating. */
class ViewAccessByRoleTest extends ConsoleViewTest {

    @Test
    void anonymousVisitorLandsOnTheLoginPage() {
        navigate("audit", LoginView.class);
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
        assertThat($view(com.vaadin.flow.component.login.LoginForm.class).id("login-form")).isNotNull();
    }

    @Test
    void anonymousVisitorCannotOpenUsers() {
        assertThatThrownBy(() -> navigate(UsersView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(getCurrentView()).isNotInstanceOf(UsersView.class);
    }

    @Test
    @WithMockUser(username = "ada-auditor", roles = "AUDITOR")
    void auditorOpensAuditButNotUsers() {
        AuditView audit = navigate(AuditView.class);
        assertThat(audit).isNotNull();
        Grid<?> grid = $(Grid.class).id("audit-grid");
        assertThat(test(grid).size()).as("the auditor sees audit rows").isPositive();
        assertThat(menuTitles()).contains("Audit").doesNotContain("Users");

        assertThatThrownBy(() -> navigate(UsersView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(getCurrentView()).isNotInstanceOf(UsersView.class);
    }

    @Test
    @WithMockUser(username = "ada-auditor", roles = "AUDITOR")
    void auditorVerifiesTheChainFromTheView() {
        navigate(AuditView.class);
        test($(Button.class).id("audit-verify")).click();
        String result = $(Span.class).id("audit-verify-result").getText();
        assertThat(result).startsWith("Chain intact:").endsWith("rows verified");
    }

    @Test
    @WithMockUser(username = "otto-operator", roles = "OPERATOR")
    void operatorCannotOpenUsersNorAudit() {
        assertThatThrownBy(() -> navigate(UsersView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> navigate(AuditView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(menuTitles()).doesNotContain("Users", "Audit");
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void adminOpensUsersAndAudit() {
        navigate(UsersView.class);
        assertThat(getCurrentView()).isInstanceOf(UsersView.class);
        assertThat($(Span.class).id("current-user").getElement().getTextRecursively()).contains("admin");
        assertThat(menuTitles()).contains("Users", "Audit");
        navigate(AuditView.class);
        assertThat(getCurrentView()).isInstanceOf(AuditView.class);
    }

    private java.util.List<String> menuTitles() {
        // The side navigation is built from the @Menu entries the user may open.
        return $(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }

    static UI ui() {
        return UI.getCurrent();
    }
}
