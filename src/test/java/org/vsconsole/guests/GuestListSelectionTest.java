package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * A selection in the guest list survives pushes as the same guests: every push brings new rows
 * with new figures, and the selection must not gain a copy of the guest at each of them (issue
 * 13: "Stop 25 guests? web1, web1, …" followed by 25 stops).
 */
@WithMockUser(username = "sel-admin", roles = "ADMIN")
class GuestListSelectionTest extends GuestsTestBase {

    @Autowired
    GuestService guests;

    @BeforeEach
    void pauseSampler() {
        sampler.stop();
    }

    @AfterEach
    void resumeSampler() {
        sampler.start();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSelectedGuestStaysOneGuestAcrossPushesAndIsStoppedOnce() {
        guest("sel-web1", 4301, "10.66.3.1");
        guest("sel-web2", 4302, "10.66.3.2");
        guests.start("sel-web1");
        sampler.sample();

        navigate(GuestListView.class);
        Grid<GuestSummary> grid = $(Grid.class).id("guest-grid");
        GuestSummary web1 = grid.getListDataView().getItems().filter(g -> g.name().equals("sel-web1")).findFirst().orElseThrow();
        grid.select(web1);

        for (int push = 0; push < 5; push++) {
            sampler.sample();
            runPushes();
        }
        assertThat(grid.getListDataView().getItems().filter(g -> g.name().equals("sel-web1")).findFirst().orElseThrow())
                .as("the pushes brought rows with new figures").isNotEqualTo(web1);
        assertThat(grid.getSelectedItems()).extracting(GuestSummary::name).containsExactly("sel-web1");

        test($(Button.class).id("bulk-stop")).click();
        ConfirmDialog confirm = $(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo("Stop 1 guest?");
        assertThat(test(confirm).getText()).startsWith("sel-web1 — ");
        test(confirm).confirm();

        assertThat(kernel.callsFor("sel-web1").stream().filter(c -> c.startsWith("stop "))).hasSize(1);
    }

    /** Runs the ui.access tasks the sampler queued, as the push connection would. */
    private static void runPushes() {
        var session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();
    }
}
