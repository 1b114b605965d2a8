package org.vsconsole.guests;

import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.html.Span;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.Formats;
import org.vsconsole.host.GuestProcess;

/** The guest page's Processes tab: the guest's processes as {@code vps} shows them, each one killable by who may operate. */
class GuestProcessesTab extends VerticalLayout {

    private final GuestProcessService guests;
    private final String name;
    private final Grid<GuestProcess> processGrid = new Grid<>(GuestProcess.class, false);

    private final Span total = new Span();

    GuestProcessesTab(GuestProcessService guests, String name, boolean mayOperate) {
        this.guests = guests;
        this.name = name;
        processGrid.setId("guest-processes");
        processGrid.setAriaLabel("Processes");
        processGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        var pid = processGrid.addColumn(GuestProcess::pid).setHeader("PID").setAutoWidth(true);
        processGrid.addColumn(p -> p.guestPid() > 0 ? Integer.toString(p.guestPid()) : "—").setHeader("PID in guest").setAutoWidth(true);
        processGrid.addColumn(GuestProcess::user).setHeader("User").setAutoWidth(true);
        processGrid.addColumn(p -> Formats.bytes(p.vszBytes())).setHeader("VSZ").setAutoWidth(true);
        processGrid.addColumn(p -> Formats.bytes(p.rssBytes())).setHeader("RSS of the process").setAutoWidth(true);
        processGrid.addColumn(p -> Formats.duration(p.cpuMs())).setHeader("CPU").setAutoWidth(true);
        var command = processGrid.addColumn(GuestProcess::command).setHeader("Command").setFlexGrow(1);
        var actions = new java.util.ArrayList<com.vaadin.flow.component.grid.Grid.Column<?>>(java.util.List.of(pid, command));
        if (mayOperate) {
            processGrid.addComponentColumn(p -> {
                Button kill = new Button("Kill", e -> Feedback.confirmDestructive("Kill process " + p.pid() + "?",
                        p.command() + " receives SIGTERM.", "Kill", () -> {
                            try {
                                guests.kill(name, p.pid(), "TERM");
                                Feedback.success("Sent SIGTERM to " + p.pid());
                            } catch (RuntimeException ex) {
                                Feedback.error(ex.getMessage());
                            }
                            refresh();
                        }));
                kill.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                // one "Kill" per row: the name says which process, for whoever hears the buttons listed
                kill.setAriaLabel("Kill process " + p.pid());
                return kill;
            }).setHeader("Actions").setAutoWidth(true);
            actions.add(processGrid.getColumns().getLast());
        }
        // a phone shows which process and its action; the sizes are a swipe away on a wider screen
        org.vsconsole.base.NarrowColumns.keepOnly(processGrid, actions.toArray(com.vaadin.flow.component.grid.Grid.Column<?>[]::new));
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.setId("processes-refresh");
        Button endAll = new Button("End all processes", VaadinIcon.STOP.create(), e -> Feedback.confirmDestructive(
                "End every process of " + name + "?", "Each receives SIGTERM, as vkill --xid does; the guest stops"
                        + " when its init ends. Stop the guest instead to shut it down in order.",
                "End all", () -> {
                    try {
                        int reached = guests.signalAll(name, "TERM").processes();
                        Feedback.success("Sent SIGTERM to " + reached + " processes of " + name);
                    } catch (RuntimeException ex) {
                        Feedback.error(ex.getMessage());
                    }
                    refresh();
                }));
        endAll.setId("processes-end-all");
        endAll.addThemeVariants(ButtonVariant.LUMO_ERROR);
        endAll.setVisible(mayOperate);
        total.setId("processes-rss-note");
        total.addClassName("history-caption");
        add(new HorizontalLayout(refresh, endAll), processGrid, total);
        setPadding(false);
        setHeight("28rem");
    }

    /** Reads the guest's processes again. */
    void refresh() {
        try {
            var rows = guests.processes(name);
            processGrid.setItems(rows);
            long sum = rows.stream().mapToLong(GuestProcess::rssBytes).sum();
            // The one RSS elsewhere on the page is the context's; this sum counts a shared page once per process.
            total.setText(rows.size() + " processes, their RSS summed " + Formats.bytes(sum) + ". A page shared by"
                    + " processes counts once for each here; the guest's RSS on the other tabs is what the kernel"
                    + " charges its context, each page once.");
        } catch (RuntimeException e) {
            Feedback.error(e.getMessage());
        }
    }
}
