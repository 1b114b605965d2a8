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
import org.vsconsole.security.CurrentUser;

/**
 * The host at a glance: load, memory and running guests, and a grid like {@code vserver-stat}
 * with CPU %, limit hits and five-minute sparklines. Rows are updated in place from the sampler's
 * pushes, and only changed rows are refreshed, so the user's sort, filter and scroll stay put.
 * An OWNER sees only their guests.
 */
@Route(value = "dashboard", layout = MainLayout.class)
@PageTitle("Dashboard · VServer Console")
@Menu(order = 20, title = "Dashboard", icon = "vaadin:dashboard")
@PermitAll
public class DashboardView extends VerticalLayout {

    private static final int OWNED_REFRESH_TICKS = 10;

    private final Sampler sampler;
    private final CurrentUser currentUser;
    private final DashboardModel model = new DashboardModel();
    private final ListDataProvider<DashboardRow> provider = new ListDataProvider<>(model.rows());
    private final Grid<DashboardRow> grid = new Grid<>();
    private final Span load = new Span();
    private final Span memory = new Span();
    private final Span running = new Span();
    private final TextField filter = new TextField();
    private static final Predicate<String> ALL = n -> true;
    private Predicate<String> visible = n -> false;
    private Set<String> visibleOwned;
    private long visibleTick = -1;

    public DashboardView(Sampler sampler, CurrentUser currentUser) {
        this.sampler = sampler;
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
        grid.addComponentColumn(DashboardView::nameCell).setHeader("NAME").setKey("name")
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
    }

    static Component nameCell(DashboardRow row) {
        Span name = new Span(row.name());
        name.addClassName("guest-name");
        if (row.risingLimits().isEmpty()) {
            return name;
        }
        Icon icon = VaadinIcon.WARNING.create();
        icon.addClassName("limit-hit-icon");
        icon.getElement().setAttribute("aria-hidden", "true");
        Span hit = new Span(icon, new Span(row.limitHitText()));
        hit.addClassName("limit-hit");
        hit.getElement().getThemeList().add("badge error");
        return new Span(name, new Span(" "), hit);
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
    public DashboardRow row(String guest) {
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
        if (change.structural()) {
            provider.refreshAll();
        } else {
            change.changed().forEach(provider::refreshItem);
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
        long shown = model.rows().stream().filter(DashboardRow::running).count();
        running.setText("Running guests " + shown + " of " + model.rows().size());
    }
}
