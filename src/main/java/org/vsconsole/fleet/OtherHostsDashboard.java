package org.vsconsole.fleet;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.Comparator;
import java.util.List;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.monitoring.Sampler;

/**
 * The dashboard's part for the managed hosts: a line per host (state, load, memory, guests
 * running) and the {@code vserver-stat} figures of their guests as the last look (every few
 * seconds) found them, filtered by host. An owner sees the hosts and guests they own only.
 */
class OtherHostsDashboard extends VerticalLayout {

    private final FleetGuests fleet;
    private final Div hostLines = new Div();
    private final HostFilter hostFilter = new HostFilter("dashboard-host-filter", this::show);
    private final Grid<RemoteGuestRow> grid = new Grid<>();
    private List<String> shownLines = List.of();
    private List<RemoteGuestRow> all = List.of();

    /** {@code staff}: the host names link to the host pages, which only staff may open. */
    OtherHostsDashboard(FleetGuests fleet, Sampler sampler, boolean staff) {
        this.fleet = fleet;
        setPadding(false);
        setId("dashboard-other-hosts");
        hostLines.setId("dashboard-host-lines");
        hostLines.addClassName("dashboard-summary");
        grid.setId("dashboard-other-hosts-grid");
        grid.setAriaLabel("Guests on other hosts");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(r -> HostLink.of(r.host(), staff)).setHeader("HOST").setAutoWidth(true)
                .setFlexGrow(0).setComparator(RemoteGuestRow::host);
        grid.addColumn(RemoteGuestRow::context).setHeader("CTX")
                .setAutoWidth(true).setComparator(r -> r.guest().context() == null ? -1 : r.guest().context());
        grid.addColumn(r -> r.guest().name()).setHeader("NAME").setAutoWidth(true).setComparator(r -> r.guest().name());
        figure("PROC", GuestFiguresText::processes, ContextFigures::processes);
        figure("VSZ", GuestFiguresText::vsz, ContextFigures::vszBytes);
        figure("RSS", GuestFiguresText::rss, ContextFigures::rssBytes);
        figure("userTIME", GuestFiguresText::user, ContextFigures::userMs);
        figure("sysTIME", GuestFiguresText::sys, ContextFigures::sysMs);
        figure("UPTIME", GuestFiguresText::uptime, ContextFigures::uptimeMs);
        grid.addComponentColumn(r -> RemoteGuestBadges.badge(r.state(),
                r.reachable() ? r.guest().problem() : "its host cannot be reached; these are the last known figures"))
                .setHeader("STATE").setAutoWidth(true);
        grid.getColumns().forEach(c -> c.setSortable(true));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No guests on the other hosts.");
        add(hostFilter.beside("Other hosts"), hostLines, grid);
        refresh();
        LiveUpdates.follow(this, sampler::subscribe, snapshot -> refresh());
    }

    private void figure(String header, java.util.function.Function<HostGuest, String> text,
            java.util.function.ToLongFunction<ContextFigures> value) {
        grid.addColumn(r -> text.apply(r.guest())).setHeader(header).setAutoWidth(true)
                .setComparator(Comparator.comparingLong(r -> GuestFiguresText.value(r.guest(), value)));
    }

    private void refresh() {
        List<HostStatus> hosts = fleet.otherHosts();
        List<String> lines = hosts.stream().map(OtherHostsDashboard::summary).toList();
        List<RemoteGuestRow> rows = RemoteGuestRow.of(hosts, g -> g);
        hostFilter.offer(hosts);
        if (!lines.equals(shownLines)) {
            shownLines = lines;
            hostLines.removeAll();
            lines.forEach(l -> hostLines.add(new Div(new Span(l))));
        }
        if (!rows.equals(all)) {
            all = rows;
            show();
        }
    }

    private static String summary(HostStatus status) {
        HostLine line = HostLine.of(status);
        if (!line.reachable()) {
            return status.name() + ": " + line.problem() + " (last contact " + line.lastContact() + ")";
        }
        return status.name() + ": load " + line.load() + ", memory " + line.memory() + ", running guests " + status.running()
                + " of " + status.guests().size();
    }

    private void show() {
        grid.setItems(all.stream().filter(r -> hostFilter.shows(r.host())).toList());
    }
}
