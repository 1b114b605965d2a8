package org.vsconsole.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.RouterLink;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;

/**
 * No dead ends (issue 13): a page the user's roles do not allow and a page or guest that does not
 * exist are shown inside the main layout, with the menu, sign-out and a link back, instead of
 * Vaadin's bare "Could not navigate" page.
 */
@ViewPackages(packages = {"org.vsconsole.security", "org.vsconsole.guests", "org.vsconsole.base"})
class ErrorPagesTest extends ConsoleViewTest {

    @Test
    @WithMockUser(username = "otto-operator", roles = "OPERATOR")
    void anOperatorOpeningUsersIsToldSoInsideTheLayout() {
        navigate("users", AccessDeniedView.class);
        assertThat($(H2.class).id("access-denied-title").getText()).isEqualTo("Not allowed");
        assertThat($(Paragraph.class).id("access-denied-reason").getText()).contains("/users");
        assertInsideTheLayoutWithAWayBack("access-denied");
    }

    @Test
    @WithMockUser(username = "otto-operator", roles = "OPERATOR")
    void aMissingGuestIsNotFoundInsideTheLayout() {
        navigate("guests/no-such-guest", NotFoundView.class);
        assertThat($(H2.class).id("not-found-title").getText()).isEqualTo("Not found");
        assertThat($(Paragraph.class).id("not-found-reason").getText()).isEqualTo("No guest named no-such-guest");
        assertInsideTheLayoutWithAWayBack("not-found");
    }

    @Test
    @WithMockUser(username = "olga-nobody", roles = "OWNER")
    void anUnknownAddressIsNotFoundInsideTheLayout() {
        navigate("no/such/page", NotFoundView.class);
        assertThat($(Paragraph.class).id("not-found-reason").getText()).isEqualTo("There is no page at /no/such/page.");
        assertInsideTheLayoutWithAWayBack("not-found");
    }

    private void assertInsideTheLayoutWithAWayBack(String page) {
        assertThat($(SideNavItem.class).all()).extracting(SideNavItem::getLabel).contains("Guests");
        assertThat($(Button.class).id("sign-out").isVisible()).isTrue();
        assertThat($(RouterLink.class).id(page + "-back").getHref()).isEmpty(); // the root address
    }
}
