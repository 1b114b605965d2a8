package org.vsconsole.fleet;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import java.util.Locale;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;

/**
 * The guest list's part for the managed hosts: every guest of every other host the user may see
 * (an owner: the ones they own) with its host, context and state as the last look found it,
 * filtered by host and by the list's search, with Start and Stop for those the user may operate.
 * Shown only when there is such a guest or, for staff, another host.
 */
public class OtherHostsGuests extends VerticalLayout {

    private final FleetGuests fleet;
    private final CurrentUser currentUser;
    private final Grid<RemoteGuestRow> grid = new Grid<>();
    private final HostFilter hostFilter = new HostFilter("other-hosts-filter", this::show);
    private List<RemoteGuestRow> all = List.of();
    private String search = "";

    public OtherHostsGuests(FleetGuests fleet, CurrentUser currentUser, Sampler sampler) {
        this.fleet = fleet;
        this.currentUser = currentUser;
        setPadding(false);
        setId("other-hosts-guests");
        grid.setId("other-hosts-grid");
        grid.setAriaLabel("Guests on other hosts");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        boolean staff = currentUser.seesAllGuests();
        grid.addComponentColumn(r -> HostLink.of(r.host(), staff)).setHeader("Host").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.guest().name()).setHeader("Name").setAutoWidth(true);
        grid.addColumn(RemoteGuestRow::context).setHeader("XID").setAutoWidth(true);
        grid.addComponentColumn(OtherHostsGuests::stateCell).setHeader("State").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No guests on the other hosts match.");
        add(hostFilter.beside("On other hosts"), grid);
        refresh();
        LiveUpdates.follow(this, sampler::subscribe, snapshot -> refresh());
    }

    /** The guest list's search, applied here too. */
    public void search(String text) {
        search = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        show();
    }

    private void refresh() {
        List<HostStatus> hosts = fleet.otherHosts();
        // without figures: a row (and its buttons) is redrawn when its state changes, not at every look
        List<RemoteGuestRow> rows = RemoteGuestRow.of(hosts, HostGuest::withoutFigures);
        setVisible(!hosts.isEmpty());
        hostFilter.offer(hosts);
        if (!rows.equals(all)) {
            all = rows;
            show();
        }
    }

    private void show() {
        grid.setItems(all.stream().filter(r -> hostFilter.shows(r.host()))
                .filter(r -> search.isEmpty() || r.guest().name().contains(search) || r.host().contains(search)).toList());
    }

    private Component actions(RemoteGuestRow row) {
        if (!currentUser.mayOperateOn(row.host(), row.guest().name())) {
            return new Span();
        }
        String suffix = row.host() + "-" + row.guest().name();
        boolean known = !row.state().equals("unknown");
        Button start = RemoteGuestPower.start(fleet, row.host(), row.guest(), "other-guest", suffix, this::refresh);
        Button stop = RemoteGuestPower.stop(fleet, row.host(), row.guest(), "other-guest", suffix, this::refresh);
        start.setEnabled(start.isEnabled() && known);
        stop.setEnabled(stop.isEnabled() && known);
        HorizontalLayout buttons = new HorizontalLayout(start, stop,
                RemoteGuestPower.terminal(currentUser, row.host(), row.guest(), "other-guest", suffix));
        buttons.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.CENTER);
        buttons.setSpacing(true);
        return buttons;
    }

    private static Span stateCell(RemoteGuestRow row) {
        return RemoteGuestBadges.badge(row.state(), row.state().equals("unknown")
                ? "its host cannot be reached; this is the last known list"
                : null);
    }
}
