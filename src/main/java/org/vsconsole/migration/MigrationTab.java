package org.vsconsole.migration;

import com.vaadin.flow.component.Component;
import java.util.Optional;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.fleet.FleetGuests;
import org.vsconsole.guests.GuestPageTab;
import org.vsconsole.jobs.JobService;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/**
 * The guest page's Move tab, for staff: the {@link MigrationForm} for this host's guest: a managed host (and, if need be, another context
 * or address there), check first, then move with a confirmation that says the guest stops for
 * the copy; the job's progress shows in place.
 */
@org.springframework.stereotype.Component
class MigrationTab implements GuestPageTab {

    private final MigrationService migrations;
    private final FleetGuests fleet;
    private final JobService jobs;
    private final CurrentUser currentUser;

    MigrationTab(MigrationService migrations, FleetGuests fleet, JobService jobs, CurrentUser currentUser) {
        this.migrations = migrations;
        this.fleet = fleet;
        this.jobs = jobs;
        this.currentUser = currentUser;
    }

    @Override
    public String label() {
        return "Move";
    }

    @Override
    public int order() {
        return 85;
    }

    @Override
    public Optional<Component> create(String guest) {
        if (!currentUser.hasRole(Role.ADMIN) && !currentUser.hasRole(Role.OPERATOR)) {
            return Optional.empty();
        }
        return Optional.of(new MigrationForm(migrations, fleet, jobs, HostGrammar.LOCAL_HOST, guest));
    }
}
