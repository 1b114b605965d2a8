package org.vsconsole.fleet;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.monitoring.Sampler;

/**
 * The guest list's part for the managed hosts: every guest of every other host with its host,
 * context and state as the last look found it, filtered by host and by the list's search. Shown
 * only when there is another host; a guest opens through its host's page.
 */
public class OtherHostsGuests extends VerticalLayout {

    private static final String ALL = "All other hosts";

    /** One guest of another host; {@code state} says "unknown" while its host cannot be reached. */
    record Row(String host, String guest, String context, String state) {
    }

    private final FleetGuests fleet;
    private final Grid<Row> grid = new Grid<>();
    private final Select<String> hostFilter = new Select<>();
    private List<Row> all = List.of();
    private String search = "";

    public OtherHostsGuests(FleetGuests fleet, Sampler sampler) {
        this.fleet = fleet;
        setPadding(false);
        setId("other-hosts-guests");
        hostFilter.setId("other-hosts-filter");
        hostFilter.setAriaLabel("Host");
        hostFilter.addValueChangeListener(e -> show());
        HorizontalLayout header = new HorizontalLayout(new H3("On other hosts"), hostFilter);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        grid.setId("other-hosts-grid");
        grid.setAriaLabel("Guests on other hosts");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(r -> new Anchor("hosts/" + r.host(), r.host())).setHeader("Host").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(Row::guest).setHeader("Name").setAutoWidth(true);
        grid.addColumn(Row::context).setHeader("XID").setAutoWidth(true);
        grid.addComponentColumn(OtherHostsGuests::stateCell).setHeader("State").setAutoWidth(true);
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
        for (HostStatus status : fleet.hosts()) {
            if (status.local()) {
                continue;
            }
            hosts.add(status.name());
            status.guests().forEach(g -> rows.add(new Row(status.name(), g.name(), g.context() == null ? "—" : g.context().toString(),
                    RemoteGuestBadges.label(g, status.reachable()))));
        }
        setVisible(!hosts.isEmpty());
        List<String> choices = new ArrayList<>(List.of(ALL));
        choices.addAll(hosts);
        if (!choices.equals(hostFilter.getListDataView().getItems().toList())) {
            String chosen = hostFilter.getValue();
            hostFilter.setItems(choices);
            hostFilter.setValue(chosen != null && choices.contains(chosen) ? chosen : ALL);
        }
        if (!rows.equals(all)) {
            all = rows;
            show();
        }
    }

    private void show() {
        String host = hostFilter.getValue();
        grid.setItems(all.stream().filter(r -> host == null || host.equals(ALL) || r.host().equals(host))
                .filter(r -> search.isEmpty() || r.guest().contains(search) || r.host().contains(search)).toList());
    }

    private static Span stateCell(Row row) {
        return RemoteGuestBadges.badge(row.state(), row.state().equals("unknown")
                ? "its host cannot be reached; this is the last known list"
                : null);
    }
}
