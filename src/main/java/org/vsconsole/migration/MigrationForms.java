package org.vsconsole.migration;

import org.vsconsole.fleet.FleetGuests;
import org.vsconsole.jobs.JobService;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/** Makes the move form wherever a guest can be moved from, for staff only: the Move tab and the host page's row button. */
@org.springframework.stereotype.Component
class MigrationForms {

    private final MigrationService migrations;
    private final FleetGuests fleet;
    private final JobService jobs;
    private final CurrentUser currentUser;

    MigrationForms(MigrationService migrations, FleetGuests fleet, JobService jobs, CurrentUser currentUser) {
        this.migrations = migrations;
        this.fleet = fleet;
        this.jobs = jobs;
        this.currentUser = currentUser;
    }

    boolean allowed() {
        return currentUser.hasRole(Role.ADMIN) || currentUser.hasRole(Role.OPERATOR);
    }

    MigrationForm form(String host, String guest) {
        return new MigrationForm(migrations, fleet, jobs, host, guest);
    }
}
