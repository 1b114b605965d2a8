package org.vsconsole.guests;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vsconsole.fleet.FleetGuests;
import org.vsconsole.fleet.OtherHostsGuests;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.Formats;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.base.MainLayout;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.updates.PendingStatus;
import org.vsconsole.updates.UpdateService;
import org.vsconsole.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * Every guest the user may see, with state and live figures pushed from the sampler; search,
 * state filter, sort, and start/stop/restart of several guests with a result per guest.
 */
@Route(value = "guests", layout = MainLayout.class)
@PageTitle("Guests · VServer Console")
@Menu(order = 10, title = "Guests", icon = "vaadin:server")
@PermitAll
public class GuestListView extends VerticalLayout {

    private final GuestService guests;
    private final Sampler sampler;
    private final Grid<GuestSummary> grid = new Grid<>(GuestSummary.class, false);
    private final TextField search = new TextField();
    private final Select<GuestState> stateFilter = new Select<>();
    private final Checkbox securityFilter = new Checkbox("Has security updates");
    private final UpdateService updates;
    private Map<String, PendingStatus> pending = Map.of();
    private long pendingReadAt;
    private final List<GuestSummary> rows = new ArrayList<>();
    private final ListDataProvider<GuestSummary> provider = new ListDataProvider<>(rows) {

        // A row is a snapshot of a guest: the next push brings a new record with new figures.
        // Identity by name keeps one selection entry per guest instead of one per push.
        @Override
        public Object getId(GuestSummary item) {
            return item.name();
        }
    };
    private final boolean mayOperate;

    public GuestListView(GuestService guests, Sampler sampler, CurrentUser currentUser, UpdateService updates,
            FleetGuests fleet) {
        this.guests = guests;
        this.updates = updates;
        this.sampler = sampler;
        this.mayOperate = currentUser.hasRole(Role.ADMIN) || currentUser.hasRole(Role.OPERATOR) || currentUser.hasRole(Role.OWNER);
        setSizeFull();

        H2 title = new H2("Guests");
        HorizontalLayout header = new HorizontalLayout(title);
        header.addClassName("page-header");
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        Div spacer = new Div();
        header.add(spacer);
        header.expand(spacer);
        if (currentUser.hasRole(Role.ADMIN) || currentUser.hasRole(Role.OPERATOR)) {
            Button create = new Button("New guest", VaadinIcon.PLUS.create(), e -> UI.getCurrent().navigate("guests/new"));
            create.setId("new-guest");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(create);
        }
        guests.readOnlyReason().ifPresent(reason -> {
            Div notice = Feedback.banner("warning", "Guests cannot be started or changed on this host: " + reason);
            notice.setId("read-only-notice");
            add(notice);
        });

        search.setPlaceholder("Search name, address, owner…");
        search.setId("guest-search");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> applyFilter());
        stateFilter.setId("guest-state-filter");
        stateFilter.setItems(GuestState.values());
        stateFilter.setEmptySelectionAllowed(true);
        stateFilter.setEmptySelectionCaption("All states");
        stateFilter.setItemLabelGenerator(s -> s == null ? "All states" : s.label());
        stateFilter.addValueChangeListener(e -> applyFilter());

        securityFilter.setId("guest-security-filter");
        securityFilter.addValueChangeListener(e -> applyFilter());
        HorizontalLayout toolbar = new HorizontalLayout(search, stateFilter, securityFilter);
        toolbar.setId("guest-toolbar");
        // wraps on a narrow screen, so the actions stay reachable instead of running off the right edge
        toolbar.addClassName("wrapping-toolbar");
        toolbar.setWidthFull();
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (mayOperate) {
            toolbar.add(new GuestBulkActions(guests,
                    () -> grid.getSelectedItems().stream().map(GuestSummary::name).distinct().sorted().toList(),
                    () -> replaceRows(guests.list())));
            grid.setSelectionMode(Grid.SelectionMode.MULTI);
        }

        grid.setId("guest-grid");
        grid.setAriaLabel("Guests");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(provider);
        grid.addComponentColumn(
                g -> new RouterLink(g.name(), GuestDetailView.class, new com.vaadin.flow.router.RouteParameters("name", g.name())))
                .setHeader("Name").setKey("name").setSortable(true).setComparator(GuestSummary::name).setAutoWidth(true);
        grid.addComponentColumn(GuestBadges::stateCell).setHeader("State").setKey("state")
                .setComparator(g -> g.state().ordinal()).setSortable(true).setAutoWidth(true);
        grid.addColumn(g -> g.xid() == null ? "—" : g.xid().toString()).setHeader("XID").setKey("xid")
                .setComparator(Comparator.comparing(GuestSummary::xid, Comparator.nullsLast(Integer::compare)))
                .setSortable(true).setAutoWidth(true);
        grid.addColumn(g -> String.join(", ", g.addresses())).setHeader("Addresses").setKey("addresses").setAutoWidth(true);
        grid.addColumn(g -> g.startsAtBoot() ? "Yes" : "No").setHeader("Starts at boot").setKey("boot")
                .setSortable(true).setAutoWidth(true);
        grid.addColumn(g -> g.owners().isEmpty() ? "—" : String.join(", ", g.owners())).setHeader("Owner")
                .setKey("owner").setSortable(true).setAutoWidth(true);
        grid.addColumn(g -> g.state() == GuestState.RUNNING ? Integer.toString(g.processes()) : "—")
                .setHeader("Processes").setKey("processes").setComparator(GuestSummary::processes).setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(g -> g.state() == GuestState.RUNNING ? Formats.bytes(g.rssBytes()) : "—")
                .setHeader("RSS").setKey("rss").setComparator(GuestSummary::rssBytes).setSortable(true).setAutoWidth(true);
        grid.addColumn(g -> g.state() == GuestState.RUNNING ? Formats.duration(g.uptimeMs()) : "—")
                .setHeader("Uptime").setKey("uptime").setComparator(GuestSummary::uptimeMs).setSortable(true).setAutoWidth(true);
        grid.addColumn(g -> updatesText(pending.get(g.name()))).setHeader("Updates").setKey("updates")
                .setComparator(g -> pendingCount(pending.get(g.name()))).setSortable(true).setAutoWidth(true);
        grid.sort(GridSortOrder.asc(grid.getColumnByKey("name")).build());
        LiveUpdates.follow(this, sampler::subscribe, snapshot -> replaceRows(guests.summaries(snapshot)));
        grid.setEmptyStateText(currentUser.seesAllGuests()
                ? "No guests yet. Create one with “New guest”, or add one under the config root."
                : "None of this host's guests is yours; an admin assigns them under Users.");
        add(header, toolbar, grid);
        expand(grid);
        OtherHostsGuests others = new OtherHostsGuests(fleet, currentUser, sampler);
        search.addValueChangeListener(e -> others.search(e.getValue()));
        add(others);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        replaceRows(guests.list());
    }

    /** "11 (3 security)", "up to date", or "—" before the first check inside the guest. */
    static String updatesText(@Nullable PendingStatus status) {
        if (status == null) {
            return "—";
        }
        Integer pending = status.pending();
        if (status.problem() != null || pending == null) {
            // a check that counted nothing failed: its problem says why
            return "check failed";
        }
        if (pending == 0) {
            return "up to date";
        }
        return pending + (status.hasSecurityUpdates() ? " (" + status.security() + " security)" : "");
    }

    private static int pendingCount(@Nullable PendingStatus status) {
        return status == null || status.pending() == null ? -1 : status.pending();
    }

    /** Counts change only when an update job runs: read them at most every 30 s, not at every push. */
    private boolean refreshPending() {
        if (System.nanoTime() - pendingReadAt < 30_000_000_000L && pendingReadAt != 0) {
            return false;
        }
        pendingReadAt = System.nanoTime();
        Map<String, PendingStatus> fresh = updates.pending();
        boolean changed = !fresh.equals(pending);
        pending = fresh;
        return changed;
    }

    /** Replaces the rows in place, so sort, filter, selection and scroll survive an update. */
    private void replaceRows(List<GuestSummary> fresh) {
        boolean countsChanged = refreshPending();
        if (fresh.equals(rows) && !countsChanged) {
            return;
        }
        Set<String> selected = grid.getSelectedItems().stream().map(GuestSummary::name).collect(java.util.stream.Collectors.toSet());
        // auto widths are measured once: a new guest or state (a longer badge) needs them measured again,
        // a changed figure does not (measuring at every tick would make the columns jitter)
        boolean reshaped = !shape(fresh).equals(shape(rows));
        rows.clear();
        rows.addAll(fresh);
        provider.refreshAll();
        if (reshaped) {
            grid.recalculateColumnWidths();
        }
        if (!selected.isEmpty()) {
            rows.stream().filter(r -> selected.contains(r.name())).forEach(grid::select);
        }
    }

    private static List<String> shape(List<GuestSummary> summaries) {
        return summaries.stream().map(g -> g.name() + " " + g.state()).toList();
    }

    private void applyFilter() {
        String text = search.getValue().trim().toLowerCase(Locale.ROOT);
        GuestState state = stateFilter.getValue();
        boolean securityOnly = securityFilter.getValue();
        provider.setFilter(g -> (state == null || g.state() == state)
                && (!securityOnly || (pending.containsKey(g.name()) && pending.get(g.name()).hasSecurityUpdates()))
                && (text.isEmpty() || g.name().contains(text)
                        || g.addresses().stream().anyMatch(a -> a.contains(text))
                        || g.owners().stream().anyMatch(o -> o.contains(text))
                        || Objects.toString(g.xid(), "").equals(text)));
    }
}
