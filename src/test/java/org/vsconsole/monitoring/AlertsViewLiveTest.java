package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.server.VaadinSession;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditService;

/** An alert that fires while the Alerts page is open shows there without a reload (issue 13, "Stale"). */
@WithMockUser(username = "alerts-admin", roles = "ADMIN")
@ViewPackages(packages = {"org.vsconsole.monitoring", "org.vsconsole.base"})
class AlertsViewLiveTest extends ConsoleViewTest {

    @Autowired
    AlertStore store;

    @Autowired
    AuditService audit;

    @Test
    @SuppressWarnings("unchecked")
    void aNewAlertIsPushedToTheOpenPage() {
        navigate(AlertsView.class);
        Grid<AlertFiring> grid = $(Grid.class).id("alerts-grid");
        String guest = "alert-live-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(grid.getGenericDataView().getItems().map(AlertFiring::guest)).doesNotContain(guest);

        // what the alert engine does when a rule fires: store it, then audit it
        AlertFiring firing = store.insert(Instant.now(), guest, AlertFiring.LIMIT_HITS, "nproc refused 3 forks");
        audit.record(Actor.SYSTEM, AlertService.firedEntry(firing, null), UUID.randomUUID().toString());
        var session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();

        assertThat(grid.getGenericDataView().getItems().map(AlertFiring::guest)).contains(guest);
    }
}
