package org.vsconsole.guests;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Locale;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.Formats;
import org.vsconsole.base.MainLayout;
import org.vsconsole.guests.GuestProcessService.HostProcess;
import org.vsconsole.security.CurrentUser;

/**
 * Every process of the running guests the user may see, with its guest and context, as
 * {@code vps -e} shows the host: find what eats memory or CPU across guests, and end it where the
 * user may operate the guest. Read when opened and on Refresh, not pushed: a process list that
 * moves under the pointer is hard to act on.
 */
@Route(value = "processes", layout = MainLayout.class)
@PageTitle("Processes · VServer Console")
@Menu(order = 21, title = "Processes", icon = "vaadin:cogs")
@PermitAll
public class HostProcessesView extends VerticalLayout {

    private final GuestProcessService processes;
    private final CurrentUser currentUser;
    private final Grid<HostProcess> grid = new Grid<>();
    private final TextField filter = new TextField();
    private final Span summary = new Span();
    private ListDataProvider<HostProcess> rows = new ListDataProvider<>(List.of());

    public HostProcessesView(GuestProcessService processes, CurrentUser currentUser) {
        this.processes = processes;
        this.currentUser = currentUser;
        setSizeFull();
        filter.setId("processes-filter");
        filter.setPlaceholder("Guest, user or command…");
        filter.setAriaLabel("Filter processes");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> applyFilter());
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.setId("processes-refresh-all");
        summary.setId("processes-summary");
        HorizontalLayout toolbar = new HorizontalLayout(filter, refresh, summary);
        toolbar.addClassName("wrapping-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("host-processes");
        grid.setAriaLabel("Processes of all guests");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(HostProcess::guest).setHeader("Guest").setKey("guest").setSortable(true).setAutoWidth(true)
                .setFrozen(true);
        grid.addColumn(p -> p.xid() == null ? "—" : p.xid().toString()).setHeader("Context").setKey("xid")
                .setAutoWidth(true);
        grid.addColumn(p -> p.process().pid()).setHeader("PID").setKey("pid").setAutoWidth(true);
        grid.addColumn(p -> p.process().user()).setHeader("User").setKey("user").setAutoWidth(true);
        grid.addColumn(p -> Formats.bytes(p.process().rssBytes())).setHeader("RSS of the process").setKey("rss")
                .setComparator(p -> p.process().rssBytes()).setSortable(true).setAutoWidth(true);
        grid.addColumn(p -> Formats.bytes(p.process().vszBytes())).setHeader("VSZ").setKey("vsz")
                .setComparator(p -> p.process().vszBytes()).setSortable(true).setAutoWidth(true);
        grid.addColumn(p -> Formats.duration(p.process().cpuMs())).setHeader("CPU").setKey("cpu")
                .setComparator(p -> p.process().cpuMs()).setSortable(true).setAutoWidth(true);
        grid.addColumn(p -> p.process().command()).setHeader("Command").setKey("command").setFlexGrow(1);
        grid.addComponentColumn(this::endButton).setHeader("Actions").setKey("actions").setAutoWidth(true);
        grid.setEmptyStateText("No running guest you may see has processes.");
        add(new H2("Processes"), toolbar, grid);
        setFlexGrow(1, grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
    }

    private void refresh() {
        List<HostProcess> all;
        try {
            all = processes.everyGuestsProcesses();
        } catch (RuntimeException e) {
            Feedback.error(e.getMessage());
            return;
        }
        rows = new ListDataProvider<>(all);
        grid.setItems(rows);
        if (grid.getSortOrder().isEmpty()) {
            grid.sort(GridSortOrder.desc(grid.getColumnByKey("rss")).build());
        }
        long guests = all.stream().map(HostProcess::guest).distinct().count();
        summary.setText(all.size() + " processes in " + guests + (guests == 1 ? " guest" : " guests") + ", read "
                + Formats.timestamp(java.time.Instant.now()));
        applyFilter();
    }

    private void applyFilter() {
        String text = filter.getValue().strip().toLowerCase(Locale.ROOT);
        rows.setFilter(p -> text.isEmpty() || p.guest().toLowerCase(Locale.ROOT).contains(text)
                || p.process().user().toLowerCase(Locale.ROOT).contains(text)
                || p.process().command().toLowerCase(Locale.ROOT).contains(text));
    }

    private com.vaadin.flow.component.Component endButton(HostProcess p) {
        if (!currentUser.mayOperate(p.guest())) {
            return new Span();
        }
        Button end = new Button("End", e -> Feedback.confirmDestructive("End process " + p.process().pid() + " of "
                + p.guest() + "?", p.process().command() + " receives SIGTERM.", "End", () -> {
                    try {
                        processes.kill(p.guest(), p.process().pid(), "TERM");
                        Feedback.success("Sent SIGTERM to " + p.process().pid() + " in " + p.guest());
                    } catch (RuntimeException ex) {
                        Feedback.error(ex.getMessage());
                    }
                    refresh();
                }));
        end.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        end.setAriaLabel("End process " + p.process().pid() + " of " + p.guest());
        return end;
    }
}
