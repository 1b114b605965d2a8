package org.vsconsole.fleet;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.ArrayList;
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

    /** One guest of another host; {@code state} says "unknown" while its host cannot be reached. */
    record Row(String host, HostGuest guest, String context, String state) {
    }

    private final FleetGuests fleet;
    private final CurrentUser currentUser;
    private final Grid<Row> grid = new Grid<>();
    private final HostFilter hostFilter = new HostFilter("other-hosts-filter", this::show);
    private List<Row> all = List.of();
    private String search = "";

    public OtherHostsGuests(FleetGuests fleet, CurrentUser currentUser, Sampler sampler) {
        this.fleet = fleet;
        this.currentUser = currentUser;
        setPadding(false);
        setId("other-hosts-guests");
        HorizontalLayout header = new HorizontalLayout(new H3("On other hosts"), hostFilter);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        grid.setId("other-hosts-grid");
        grid.setAriaLabel("Guests on other hosts");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        boolean staff = currentUser.seesAllGuests();
        grid.addComponentColumn(r -> HostLink.of(r.host(), staff)).setHeader("Host").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.guest().name()).setHeader("Name").setAutoWidth(true);
        grid.addColumn(Row::context).setHeader("XID").setAutoWidth(true);
        grid.addComponentColumn(OtherHostsGuests::stateCell).setHeader("State").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No guests on the other hosts match.");
        add(header, grid);
        refresh();
        LiveUpdates.follow(this, sampler::subscribe, snapshot -> refresh());
    }

    /** The guest list's search, applied here too. */
    public void search(String text) {
        search = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        show();
    }

    private void refresh() {
        List<Row> rows = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (HostStatus status : fleet.otherHosts()) {
            hosts.add(status.name());
            // without figures: a row (and its buttons) is redrawn when its state changes, not at every look
            status.guests().stream().map(HostGuest::withoutFigures).forEach(g -> rows.add(new Row(status.name(), g,
                    g.context() == null ? "—" : g.context().toString(),
                    RemoteGuestBadges.label(g, status.reachable()))));
        }
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

    private Component actions(Row row) {
        if (!currentUser.mayOperateOn(row.host(), row.guest().name())) {
            return new Span();
        }
        String suffix = row.host() + "-" + row.guest().name();
        boolean known = !row.state().equals("unknown");
        Button start = RemoteGuestPower.start(fleet, row.host(), row.guest(), "other-guest", suffix, this::refresh);
        Button stop = RemoteGuestPower.stop(fleet, row.host(), row.guest(), "other-guest", suffix, this::refresh);
        start.setEnabled(start.isEnabled() && known);
        stop.setEnabled(stop.isEnabled() && known);
        HorizontalLayout buttons = new HorizontalLayout(start, stop);
        buttons.setSpacing(true);
        return buttons;
    }

    private static Span stateCell(Row row) {
        return RemoteGuestBadges.badge(row.state(), row.state().equals("unknown")
                ? "its host cannot be reached; this is the last known list"
                : null);
    }
}
