package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.guests.GuestProcessService.HostProcess;

/**
 * The host-wide process list as an admin uses it: the processes of every running guest with
 * their guest, a stopped guest contributing none, a filter by guest or command, and a process
 * ended after a confirmation.
 */
@WithMockUser(username = "procs-admin", roles = "ADMIN")
class HostProcessesViewTest extends GuestsTestBase {

    @Autowired
    GuestService guests;

    @Test
    void everyRunningGuestsProcessesAreListedFilteredAndOneIsEnded() {
        guest("hp1", 4661, "10.71.6.1");
        guest("hp2", 4662, "10.71.6.2");
        guest("hp3", 4663, "10.71.6.3");
        guests.start("hp1");
        guests.start("hp2");

        navigate(HostProcessesView.class);
        @SuppressWarnings("unchecked")
        Grid<HostProcess> grid = $(Grid.class).id("host-processes");
        assertThat(grid.getListDataView().getItems().map(HostProcess::guest)).contains("hp1", "hp2").doesNotContain("hp3");

        test($(TextField.class).id("processes-filter")).setValue("init of hp2");
        assertThat(grid.getListDataView().getItems().map(HostProcess::guest)).containsExactly("hp2");

        var actions = test(grid).getCellComponent(0, grid.getColumns().indexOf(grid.getColumnByKey("actions")));
        test((Button) actions).click();
        test($(ConfirmDialog.class).last()).confirm();
        assertThat(kernel.callsFor("hp2")).contains("kill hp2 4662 pid " + (10_000 + 4662) + " signal 15");
        guests.stop("hp1");
        guests.stop("hp2");
    }
}
