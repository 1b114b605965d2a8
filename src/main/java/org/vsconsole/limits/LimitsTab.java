package org.vsconsole.limits;

import com.vaadin.flow.component.Component;
import java.util.Optional;
import org.vsconsole.guests.GuestPageTab;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/** The guest page's Limits tab: everyone who sees the guest sees its limits; staff change them. */
@org.springframework.stereotype.Component
class LimitsTab implements GuestPageTab {

    private final LimitService limits;
    private final DiskLimitService disks;
    private final TmpSizeService tmp;
    private final CurrentUser currentUser;

    LimitsTab(LimitService limits, DiskLimitService disks, TmpSizeService tmp, CurrentUser currentUser) {
        this.limits = limits;
        this.disks = disks;
        this.tmp = tmp;
        this.currentUser = currentUser;
    }

    @Override
    public String label() {
        return "Limits";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public Optional<Component> create(String guest) {
        boolean staff = currentUser.hasRole(Role.ADMIN) || currentUser.hasRole(Role.OPERATOR);
        return Optional.of(new GuestLimitsPanel(limits, disks, tmp, guest, staff));
    }
}
