package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsconsole.monitoring.MonitoringFixtures.figures;
import static org.vsconsole.monitoring.MonitoringFixtures.guests;
import static org.vsconsole.monitoring.MonitoringFixtures.host;
import static org.vsconsole.monitoring.MonitoringFixtures.running;
import static org.vsconsole.monitoring.MonitoringFixtures.stopped;

import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;

/**
 * The dashboard follows the sampler's snapshots without a reload, keeps the user's sort and row
 * identity, marks rising limit hits with text, and lets go of the sampler when it is left. The
 * sampler's own schedule is paused and snapshots are fed with fixture figures.
 */
@WithMockUser(username = "dash-admin", roles = "ADMIN")
@ViewPackages(packages = {"org.vsconsole.monitoring", "org.vsconsole.base"})
class DashboardViewTest extends ConsoleViewTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @Autowired
    Sampler sampler;

    @BeforeEach
    void pauseSampler() {
        sampler.stop();
    }

    @AfterEach
    void resumeSampler() {
        sampler.start();
    }

    /** Runs the ui.access tasks the sampler queued, as the push connection would. */
    private static void runPushes() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();
    }

    @Test
    @SuppressWarnings("unchecked")
    void newSnapshotUpdatesRowsInPlaceAndLeavingTheViewUnsubscribes() {
        sampler.accept(T0, guests(running("web1", 40001, figures(40001, 5, 40L << 20, 1_000, 0, 0)),
                running("mail", 40002, figures(40002, 9, 8L << 20, 0, 0, 0)), stopped("idle", 40003)), host(2));

        DashboardView view = navigate(DashboardView.class);
        int attached = sampler.subscriberCount();
        assertThat(attached).isPositive();
        Grid<DashboardRow> grid = $(Grid.class).id("dashboard-grid");
        assertThat(view.row("web1").processesText()).isEqualTo("5");
        assertThat(view.row("web1").rssText()).as("bytes in binary units, as on every page").isEqualTo("40.0 MiB");
        assertThat(test(grid).size()).isEqualTo(3);

        // the user sorts by PROC, descending
        grid.sort(GridSortOrder.desc(grid.getColumnByKey("proc")).build());
        DashboardRow web1 = view.row("web1");

        sampler.accept(T0.plusSeconds(1), guests(running("web1", 40001, figures(40001, 23, 40L << 20, 1_500, 500, 4)),
                running("mail", 40002, figures(40002, 9, 8L << 20, 0, 0, 0)), stopped("idle", 40003)), host(2));
        runPushes();

        assertThat(view.row("web1")).isSameAs(web1);
        assertThat(view.row("web1").processesText()).isEqualTo("23");
        assertThat(view.row("web1").cpuText()).isEqualTo("50.0 %");
        assertThat(grid.getSortOrder()).singleElement().satisfies(o -> assertThat(o.getSorted().getKey()).isEqualTo("proc"));
        assertThat(grid.getListDataView().getItems().map(DashboardRow::name).toList()).startsWith("web1", "mail");
        int cpuColumn = grid.getColumns().indexOf(grid.getColumnByKey("cpu"));
        assertThat(test(grid).getCellText(0, cpuColumn)).isEqualTo("50.0 %");

        // hits did not rise on this tick yet (web1 had no previous hits figure above 0 -> 4 rises)
        assertThat(view.row("web1").limitHitText()).isEqualTo("limit hit: nproc");
        var cell = view.nameCell(view.row("web1"));
        assertThat(cell.getElement().getTextRecursively()).contains("web1").contains("limit hit: nproc");
        assertThat(cell.getElement().getChildren().anyMatch(e -> e.getClassList().contains("limit-hit"))
                || cell.getElement().toString().contains("limit-hit-icon")).isTrue();
        assertThat($view(Span.class).id("summary-running").getText()).isEqualTo("Running guests 2 of 3");

        navigate(AlertsView.class);
        assertThat(sampler.subscriberCount()).as("no leaked listener").isEqualTo(attached - 1);
        sampler.accept(T0.plusSeconds(2), guests(running("web1", 40001, figures(40001, 99, 40L << 20, 1_500, 500, 4))), host(2));
        runPushes();
        assertThat(view.row("web1").processesText()).as("a detached view gets no more updates").isEqualTo("23");
    }

    @Test
    @WithMockUser(username = "dash-owner-nobody", roles = "OWNER")
    void anOwnerWithoutGuestsSeesNone() {
        sampler.accept(T0, guests(running("web1", 40001, figures(40001, 5, 1, 0, 0, 0))), host(1));
        DashboardView view = navigate(DashboardView.class);
        assertThat(view.row("web1")).isNull();
        assertThat(view.grid().getListDataView().getItemCount()).isZero();
        int attached = sampler.subscriberCount();
        navigate(AlertsView.class);
        assertThat(sampler.subscriberCount()).isEqualTo(attached - 1);
    }
}
