package org.vsconsole.monitoring;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.vsconsole.base.Formats;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.base.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * The host at a glance: load, memory and running guests, and a grid like {@code vserver-stat}
 * with CPU %, limit hits and five-minute sparklines, and like {@code vserver-stat} the host itself
 * (context 0) and contexts no guest names, marked as such. Rows are updated in place from the sampler's
 * pushes, and only changed rows are refreshed, so the user's sort, filter and scroll stay put.
 * An OWNER sees only their guests. Other features add their sections below (the other hosts).
 */
@Route(value = "dashboard", layout = MainLayout.class)
@PageTitle("Dashboard · VServer Console")
@Menu(order = 20, title = "Dashboard", icon = "vaadin:dashboard")
@PermitAll
public class DashboardView extends VerticalLayout {

    private static final int OWNED_REFRESH_TICKS = 10;

    private final Sampler sampler;
    private final CurrentUser currentUser;
    private final boolean staff;
    private final DashboardModel model = new DashboardModel();
    private final ListDataProvider<DashboardRow> provider = new ListDataProvider<>(model.rows());
    private final Grid<DashboardRow> grid = new Grid<>();
    private final Span load = new Span();
    private final Span memory = new Span();
    private final Span running = new Span();
    private final TextField filter = new TextField();
    private static final Predicate<String> ALL = n -> true;
    private Predicate<String> visible = n -> false;
    private @Nullable Set<String> visibleOwned;
    private long visibleTick = -1;

    public DashboardView(Sampler sampler, CurrentUser currentUser,
            org.springframework.beans.factory.ObjectProvider<DashboardSection> sections) {
        this.sampler = sampler;
        this.staff = currentUser.hasRole(Role.ADMIN) || currentUser.hasRole(Role.OPERATOR);
        LiveUpdates.follow(this, sampler::subscribe, this::apply);
        this.currentUser = currentUser;
        setSizeFull();
        H2 title = new H2("Dashboard");
        Div summary = new Div(load, memory, running);
        summary.setId("dashboard-summary");
        summary.addClassName("dashboard-summary");
        load.setId("summary-load");
        memory.setId("summary-memory");
        running.setId("summary-running");

        filter.setId("dashboard-filter");
        filter.setPlaceholder("Filter by name…");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> {
            String text = e.getValue().trim().toLowerCase(Locale.ROOT);
            provider.setFilter(text.isEmpty() ? null : r -> r.name().toLowerCase(Locale.ROOT).contains(text));
        });

        grid.setId("dashboard-grid");
        grid.setAriaLabel("Running contexts");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setItems(provider);
        grid.addColumn(DashboardRow::xid).setHeader("CTX").setKey("ctx").setSortable(true).setAutoWidth(true);
        grid.addColumn(LitRenderer.<DashboardRow>of("<span class=\"proc\" data-guest=\"${item.name}\">${item.proc}</span>")
                .withProperty("name", DashboardRow::name).withProperty("proc", DashboardRow::processesText))
                .setHeader("PROC").setKey("proc").setComparator(DashboardRow::processes).setSortable(true).setAutoWidth(true);
        grid.addColumn(DashboardRow::vszText).setHeader("VSZ").setKey("vsz")
                .setComparator(DashboardRow::vszBytes).setSortable(true).setAutoWidth(true);
        grid.addColumn(DashboardRow::rssText).setHeader("RSS").setKey("rss")
                .setComparator(DashboardRow::rssBytes).setSortable(true).setAutoWidth(true);
        grid.addColumn(DashboardRow::userText).setHeader("userTIME").setKey("user")
                .setComparator(DashboardRow::userMs).setSortable(true).setAutoWidth(true);
        grid.addColumn(DashboardRow::sysText).setHeader("sysTIME").setKey("sys")
                .setComparator(DashboardRow::sysMs).setSortable(true).setAutoWidth(true);
        grid.addColumn(DashboardRow::uptimeText).setHeader("UPTIME").setKey("uptime")
                .setComparator(DashboardRow::uptimeMs).setSortable(true).setAutoWidth(true);
        grid.addComponentColumn(this::nameCell).setHeader("NAME").setKey("name")
                .setComparator(DashboardRow::name).setSortable(true).setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(DashboardRow::cpuText).setHeader("CPU %").setKey("cpu")
                .setComparator(Comparator.comparingDouble(r -> Double.isNaN(r.cpuPercent()) ? -1 : r.cpuPercent()))
                .setSortable(true).setAutoWidth(true);
        grid.addColumn(DashboardRow::totalHits).setHeader("Limit hits").setKey("hits")
                .setSortable(true).setAutoWidth(true);
        grid.addComponentColumn(DashboardView::trendCell).setHeader("CPU · RSS (5 min)").setKey("trend").setAutoWidth(true);
        // vserver-stat puts NAME last; here it follows CTX and both stay put while the figures scroll
        // sideways, so on a narrow screen every row still says which guest it is
        grid.setColumnOrder(java.util.stream.Stream.of("ctx", "name", "proc", "vsz", "rss", "user", "sys", "uptime", "cpu", "hits",
                "trend").map(grid::getColumnByKey).toList());
        grid.getColumnByKey("ctx").setFrozen(true);
        grid.getColumnByKey("name").setFrozen(true).setFlexGrow(0);
        grid.sort(GridSortOrder.asc(grid.getColumnByKey("ctx")).build());
        grid.setEmptyStateText("No guests to show.");
        add(title, summary, new HorizontalLayout(filter), grid);
        expand(grid);
        sections.orderedStream().forEach(section -> section.create().ifPresent(this::add));
    }

    /**
     * The guest's name, or the host / an unnamed context marked as such (no actions: they are not
     * guests); a guest on a dynamic context is marked, with staff offered to give it a static one.
     */
    public Component nameCell(DashboardRow row) {
        Span name = new Span(row.name());
        name.addClassName("guest-name");
        Span cell = new Span(name);
        if (row.kind() == DashboardRow.Kind.HOST) {
            cell.add(new Span(" "), badge("host", "badge contrast", "row-host"));
            return cell;
        }
        if (row.dynamic()) {
            cell.add(new Span(" "), badge("dynamic context", "badge warning", "row-dynamic"));
            if (row.kind() == DashboardRow.Kind.GUEST && staff) {
                Button assign = new Button("Assign a static context", VaadinIcon.KEY.create(),
                        e -> getUI().ifPresent(ui -> ui.navigate("guests/" + row.name(),
                                com.vaadin.flow.router.QueryParameters.of("assign", "context"))));
                assign.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                assign.addClassName("assign-static-context");
                assign.setAriaLabel("Assign a static context to " + row.name());
                // on a narrow screen the frozen NAME column keeps only the icon (the stylesheet hides the words)
                assign.setTooltipText("Assign a static context");
                cell.add(new Span(" "), assign);
            }
        } else if (row.kind() == DashboardRow.Kind.CONTEXT) {
            cell.add(new Span(" "), badge("no guest", "badge contrast", "row-unknown"));
        }
        if (!row.risingLimits().isEmpty()) {
            Icon icon = VaadinIcon.WARNING.create();
            icon.addClassName("limit-hit-icon");
            icon.getElement().setAttribute("aria-hidden", "true");
            Span hit = new Span(icon, new Span(row.limitHitText()));
            hit.addClassName("limit-hit");
            hit.getElement().getThemeList().add("badge error");
            cell.add(new Span(" "), hit);
        }
        return cell;
    }

    private static Span badge(String text, String theme, String className) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(theme);
        badge.addClassName(className);
        return badge;
    }

    static Component trendCell(DashboardRow row) {
        Span cell = new Span(new Svg(row.cpuSvg()), new Svg(row.rssSvg()));
        cell.addClassName("dashboard-trend");
        return cell;
    }

    public Grid<DashboardRow> grid() {
        return grid;
    }

    /** The row of a guest as shown now, or null when it is not shown. */
    public @Nullable DashboardRow row(String guest) {
        return model.row(guest);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        apply(sampler.latest());
    }

    /** Applies a snapshot: refreshes only changed rows, and everything only when guests came or went. */
    void apply(HostSnapshot snapshot) {
        if (visibleTick < 0 || snapshot.tick() - visibleTick >= OWNED_REFRESH_TICKS || snapshot.tick() < visibleTick) {
            // a new predicate makes the model apply every row: keep the old one while nothing changed
            if (currentUser.seesAllGuests()) {
                visibleOwned = null;
                visible = ALL;
            } else {
                Set<String> owned = currentUser.ownedGuests();
                if (!owned.equals(visibleOwned) || visible == ALL) {
                    visibleOwned = Set.copyOf(owned);
                    visible = visibleOwned::contains;
                }
            }
            visibleTick = snapshot.tick();
        }
        DashboardModel.Change change = model.apply(snapshot, visible);
        // the host and unnamed contexts are the host's business: not shown to an owner
        DashboardModel.Change others = model.applyOthers(snapshot, currentUser.seesAllGuests());
        if (change.structural() || others.structural()) {
            provider.refreshAll();
        } else {
            change.changed().forEach(provider::refreshItem);
            others.changed().forEach(provider::refreshItem);
        }
        showSummary(snapshot);
    }

    private void showSummary(HostSnapshot snapshot) {
        HostFigures h = snapshot.host();
        load.setText(h.loadKnown()
                ? String.format(Locale.ROOT, "Load %.2f %.2f %.2f (%d cores)", h.load1(), h.load5(), h.load15(), h.cores())
                : "Load unknown");
        memory.setText(h.memTotalBytes() > 0
                ? "Memory " + Formats.bytes(h.memTotalBytes() - h.memAvailableBytes()) + " used of " + Formats.bytes(h.memTotalBytes())
                : "Memory unknown");
        long guests = model.rows().stream().filter(r -> r.kind() == DashboardRow.Kind.GUEST).count();
        long shown = model.rows().stream().filter(r -> r.kind() == DashboardRow.Kind.GUEST && r.running()).count();
        running.setText("Running guests " + shown + " of " + guests);
    }
}
