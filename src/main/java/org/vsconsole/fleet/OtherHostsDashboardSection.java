package org.vsconsole.fleet;

import com.vaadin.flow.component.Component;
import java.util.Optional;
import org.vsconsole.monitoring.DashboardSection;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;

/** Adds the other hosts to every dashboard whose user may see one of their guests (staff: any other host). */
@org.springframework.stereotype.Component
class OtherHostsDashboardSection implements DashboardSection {

    private final FleetGuests fleet;
    private final Sampler sampler;
    private final CurrentUser currentUser;

    OtherHostsDashboardSection(FleetGuests fleet, Sampler sampler, CurrentUser currentUser) {
        this.fleet = fleet;
        this.sampler = sampler;
        this.currentUser = currentUser;
    }

    @Override
    public Optional<Component> create() {
        // otherHosts() already leaves out, for an owner, the hosts where they own nothing
        return fleet.otherHosts().isEmpty()
                ? Optional.empty()
                : Optional.of(new OtherHostsDashboard(fleet, sampler,
                        currentUser.seesAllGuests()));
    }
}
