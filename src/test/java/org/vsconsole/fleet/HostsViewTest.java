package org.vsconsole.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;

/**
 * The Hosts view without a browser: this host is always the first row, with its driver and state;
 * only an ADMIN is offered to add a host, and an auditor reads the same list.
 */
@ViewPackages(packages = {"org.vsconsole.fleet", "org.vsconsole.base"})
class HostsViewTest extends ConsoleViewTest {

    @Test
    @WithMockUser(username = "hosts-admin", roles = "ADMIN")
    void anAdminSeesThisHostFirstAndMayAddOne() {
        navigate(HostsView.class);

        assertThat(rows()).first().satisfies(local -> {
            assertThat(local.name()).isEqualTo("local");
            assertThat(local.lastContact()).isEqualTo("live");
            assertThat(local.driver()).isNotEqualTo("–");
        });
        assertThat($(Button.class).id("hosts-add").isVisible()).isTrue();
    }

    @Test
    @WithMockUser(username = "hosts-auditor", roles = "AUDITOR")
    void anAuditorReadsTheListButIsNotOfferedToAddAHost() {
        navigate(HostsView.class);

        assertThat(rows()).extracting(HostLine::name).containsExactly("local");
        assertThat($(Button.class).all()).noneMatch(b -> b.getId().filter("hosts-add"::equals).isPresent());
    }

    @SuppressWarnings("unchecked")
    private List<HostLine> rows() {
        Grid<HostLine> grid = $(Grid.class).id("hosts-grid");
        return grid.getListDataView().getItems().toList();
    }
}
