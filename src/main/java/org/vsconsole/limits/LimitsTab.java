package org.vsconsole.limits;

import com.vaadin.flow.component.Component;
import java.util.Optional;
import org.vsconsole.base.Feedback;
import org.vsconsole.guests.GuestPageTab;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;
import org.vsconsole.sync.SyncService;

/** The guest page's Limits tab: everyone who sees the guest sees its limits; staff change them. */
@org.springframework.stereotype.Component
class LimitsTab implements GuestPageTab {

    private final LimitService limits;
    private final DiskLimitService disks;
    private final TmpSizeService tmp;
    private final CurrentUser currentUser;
    private final SyncService sync;

    LimitsTab(LimitService limits, DiskLimitService disks, TmpSizeService tmp, CurrentUser currentUser, SyncService sync) {
        this.sync = sync;
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
        boolean unmanaged = sync.status(guest).map(s -> s.unmanaged()).orElse(false);
        GuestLimitsPanel panel = new GuestLimitsPanel(limits, disks, tmp, guest, staff && !unmanaged);
        if (!staff || !unmanaged) {
            return Optional.of(panel);
        }
        // The services would refuse every change: say why the editors are missing.
        com.vaadin.flow.component.html.Div why = Feedback.banner("warning", guest + " was made outside the console and is"
                + " not managed yet: adopt it first (Adopt, on its page) to change its limits.");
        why.setId("limits-unmanaged");
        return Optional.of(new com.vaadin.flow.component.orderedlayout.VerticalLayout(why, panel));
    }
}
