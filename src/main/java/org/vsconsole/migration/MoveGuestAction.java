package org.vsconsole.migration;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import org.springframework.stereotype.Component;
import org.vsconsole.fleet.FleetGuests;
import org.vsconsole.fleet.RemoteGuestAction;
import org.vsconsole.jobs.JobService;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/** "Move…" on a managed host's guest row: the Move tab's form in a dialog, for a guest of another host (a VServer host's, say). */
@Component
class MoveGuestAction implements RemoteGuestAction {

    private final MigrationService migrations;
    private final FleetGuests fleet;
    private final JobService jobs;
    private final CurrentUser currentUser;

    MoveGuestAction(MigrationService migrations, FleetGuests fleet, JobService jobs, CurrentUser currentUser) {
        this.migrations = migrations;
        this.fleet = fleet;
        this.jobs = jobs;
        this.currentUser = currentUser;
    }

    @Override
    public String label() {
        return "Move…";
    }

    @Override
    public String id() {
        return "host-guest-move-";
    }

    @Override
    public boolean allowed() {
        return currentUser.hasRole(Role.ADMIN) || currentUser.hasRole(Role.OPERATOR);
    }

    @Override
    public void open(String host, String guest, Runnable changed) {
        Dialog dialog = new Dialog("Move " + guest + " from " + host);
        dialog.setWidth("min(60rem, 95vw)");
        dialog.add(new MigrationForm(migrations, fleet, jobs, host, guest));
        Button close = new Button("Close", e -> {
            dialog.close();
            changed.run();
        });
        close.setId("move-close");
        dialog.getFooter().add(close);
        dialog.open();
    }
}
