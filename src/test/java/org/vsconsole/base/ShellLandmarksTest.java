package org.vsconsole.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.sidenav.SideNav;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;
import org.vsconsole.audit.AuditView;
import org.vsconsole.security.UsersView;

/**
 * Issue 21 without a browser: a signed-in page has its landmarks where a screen reader looks for
 * them (header with sign-out, named navigation with the menu, one main holding the view), and a
 * navigation swaps the view inside that main instead of adding a second one.
 */
class ShellLandmarksTest extends ConsoleViewTest {

    @Test
    @WithMockUser(username = "ada-admin", roles = "ADMIN")
    void theViewSitsInTheOneMainBesideAHeaderAndANamedNavigation() {
        AuditView audit = navigate(AuditView.class);
        Main main = (Main) audit.getParent().orElseThrow();
        assertThat(main.getId()).hasValue("main-content");
        assertThat($(Main.class).all()).hasSize(1);

        Header header = $(Header.class).single();
        assertThat(header.getElement().toString()).contains("sign-out");
        Nav nav = $(Nav.class).single();
        assertThat(nav.getAriaLabel()).hasValue("Console");
        assertThat(nav.getChildren().filter(c -> c instanceof SideNav)).hasSize(1);

        UsersView users = navigate(UsersView.class);
        assertThat(users.getParent()).containsSame(main);
        assertThat(main.getChildren().map(Component::getClass)).containsExactly(UsersView.class);
    }
}
