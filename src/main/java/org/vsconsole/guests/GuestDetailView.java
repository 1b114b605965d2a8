package org.vsconsole.guests;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.vsconsole.audit.AuditEvent;
import org.vsconsole.audit.AuditService;
import org.vsconsole.base.Formats;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.base.MainLayout;
import org.vsconsole.host.ContextConflict;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.InterfaceEntry;
import org.vsconsole.monitoring.GuestLive;
import org.vsconsole.monitoring.HostSnapshot;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/**
 * One guest: Overview (state, figures, actions), Configuration, Network, Processes, Console
 * (ADMIN and OPERATOR: one command, no terminal), History and its Audit events, with the tabs
 * other features add ({@link GuestPageTab}: Limits, Terminal). The page follows the guest by
 * push: state and figures at each sampler tick, the config-derived tabs when its files change,
 * the processes when it starts or stops, the Audit tab when a row about it is recorded. The open
 * tab is kept in the URL ({@code ?tab=audit}).
 */
@Route(value = "guests/:name", layout = MainLayout.class)
@PageTitle("Guest · VServer Console")
@PermitAll
public class GuestDetailView extends VerticalLayout implements BeforeEnterObserver {

    /** The query parameter naming the open tab, so a reload or a shared link opens the same tab. */
    static final String TAB_PARAMETER = "tab";

    private final GuestService guests;
    private final Sampler sampler;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private String name;
    private GuestConfig config;
    private final Span stateBadge = new Span();
    private final Span figures = new Span();
    private final Button start = new Button("Start", VaadinIcon.PLAY.create());
    private final Button stop = new Button("Stop", VaadinIcon.STOP.create());
    private final Button restart = new Button("Restart", VaadinIcon.REFRESH.create());
    private final Checkbox bootMark = new Checkbox("Starts when the host boots");
    /** Staff only; null for others. */
    private Button delete;
    private boolean mayOperate;
    private final Grid<GuestProcess> processGrid = new Grid<>(GuestProcess.class, false);
    /** Parts drawn from the config, drawn again when the config changes on disk. */
    private final Div overviewFacts = new Div();
    private final VerticalLayout configurationBox = new VerticalLayout();
    private final VerticalLayout networkBox = new VerticalLayout();
    private final Grid<AuditEvent> auditGrid = new Grid<>();
    private org.vsconsole.sync.DriftPanel driftPanel;
    private TabSheet tabs;
    private final Map<String, Tab> tabsByKey = new LinkedHashMap<>();
    /** Whether the guest ran at the last snapshot shown; the limits and processes depend on it. */
    private boolean shownRunning;

    private final org.vsconsole.sync.SyncService sync;
    private final org.vsconsole.sync.DriftDecisions decisions;
    private final List<GuestPageTab> featureTabs;

    public GuestDetailView(GuestService guests, Sampler sampler, AuditService audit, CurrentUser currentUser,
            org.vsconsole.sync.SyncService sync, org.vsconsole.sync.DriftDecisions decisions,
            org.springframework.beans.factory.ObjectProvider<GuestPageTab> featureTabs) {
        this.sync = sync;
        this.decisions = decisions;
        this.featureTabs = featureTabs.stream().sorted(java.util.Comparator.comparingInt(GuestPageTab::order)).toList();
        this.guests = guests;
        this.sampler = sampler;
        this.audit = audit;
        this.currentUser = currentUser;
        setSizeFull();
        configurationBox.setPadding(false);
        networkBox.setPadding(false);
        LiveUpdates.follow(this, sampler::subscribe, this::onSnapshot);
        LiveUpdates.<AuditEvent>follow(this, listener -> audit.subscribe(e -> {
            if (name != null && name.equals(e.targetGuest())) {
                listener.accept(e);
            }
        }), e -> refreshAudit());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        name = event.getRouteParameters().get("name").orElse("");
        try {
            config = guests.config(name);
        } catch (InvalidInputException | org.springframework.security.access.AccessDeniedException e) {
            // Same answer for "does not exist" and "not yours": an owner learns nothing of others' guests.
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "No guest named " + name);
            return;
        }
        build();
        selectTab(event.getLocation().getQueryParameters().getSingleParameter(TAB_PARAMETER).orElse(""));
    }

    private void build() {
        removeAll();
        delete = null;
        mayOperate = currentUser.mayOperate(name);
        boolean staff = currentUser.hasRole(Role.ADMIN) || currentUser.hasRole(Role.OPERATOR);

        H2 title = new H2(name);
        title.setId("guest-title");
        stateBadge.setId("guest-state");
        HorizontalLayout header = new HorizontalLayout(title, stateBadge);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        start.setId("guest-start");
        stop.setId("guest-stop");
        restart.setId("guest-restart");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        start.addClickListener(e -> act("start", () -> guests.start(name)));
        stop.addClickListener(e -> confirm("Stop " + name + "?",
                "Its services stop and every process of the guest ends.", "Stop", () -> act("stop", () -> guests.stop(name))));
        restart.addClickListener(e -> confirm("Restart " + name + "?",
                "Every process of the guest ends and the guest starts again.", "Restart",
                () -> act("restart", () -> guests.restart(name))));
        HorizontalLayout actions = new HorizontalLayout(start, stop, restart);
        // at 320 px or 400 % zoom the actions wrap instead of running off the panel's edge
        actions.addClassName("wrapping-toolbar");
        if (staff) {
            delete = new Button("Delete…", VaadinIcon.TRASH.create(), e -> openDelete());
            delete.setId("guest-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            actions.add(delete);
        }
        actions.setVisible(mayOperate);

        tabs = new TabSheet();
        tabs.setId("guest-tabs");
        org.vsconsole.base.TabStrips.withoutFocusableScroller(tabs);
        tabs.setWidthFull();
        tabsByKey.clear();
        // The page's own tabs and those of other features, in one order (GuestPageTab.order).
        java.util.TreeMap<Integer, java.util.Map.Entry<String, Component>> ordered = new java.util.TreeMap<>();
        ordered.put(10, java.util.Map.entry("Overview", overview(actions, mayOperate)));
        ordered.put(20, java.util.Map.entry("Configuration", configurationBox));
        ordered.put(30, java.util.Map.entry("Network", networkBox));
        ordered.put(40, java.util.Map.entry("Processes", processes(mayOperate)));
        if (staff) {
            ordered.put(60, java.util.Map.entry("Console", new GuestConsole(guests, name)));
        }
        ordered.put(80, java.util.Map.entry("History", new org.vsconsole.monitoring.GuestHistoryPanel(name)));
        ordered.put(90, java.util.Map.entry("Audit", auditTab()));
        for (GuestPageTab tab : featureTabs) {
            tab.create(name).ifPresent(content -> ordered.put(tab.order(), java.util.Map.entry(tab.label(), content)));
        }
        ordered.values().forEach(tab -> addTab(tab.getKey(), tab.getValue()));
        renderConfig();
        tabs.addSelectedChangeListener(e -> {
            if (e.getSelectedTab().getLabel().equals("Processes")) {
                refreshProcesses();
            }
            rememberTab(tabKey(e.getSelectedTab().getLabel()));
        });
        driftPanel = new org.vsconsole.sync.DriftPanel(sync, decisions, currentUser, name);
        add(header, driftPanel, tabs);
        GuestLive live = sampler.latest().guest(name);
        shownRunning = live != null && live.running();
        show(live);
    }

    private void addTab(String label, Component content) {
        tabsByKey.put(tabKey(label), tabs.add(label, content));
    }

    private static String tabKey(String label) {
        return label.toLowerCase(java.util.Locale.ROOT);
    }

    /** Opens the tab named in the URL; an unknown or missing name leaves Overview open. */
    private void selectTab(String key) {
        Tab tab = tabsByKey.get(key);
        if (tab != null) {
            tabs.setSelectedTab(tab);
        }
    }

    /** Puts the open tab into the URL without a navigation, so a reload comes back to it. */
    private void rememberTab(String key) {
        String path = "guests/" + name + ("overview".equals(key) ? "" : "?" + TAB_PARAMETER + "=" + key);
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, path));
    }

    /** Every sampler tick: state and figures, and whatever depends on the guest's run state or files. */
    private void onSnapshot(HostSnapshot snapshot) {
        if (config == null) {
            return;
        }
        GuestLive live = snapshot.guest(name);
        show(live);
        followConfig();
        boolean running = live != null && live.running();
        if (running != shownRunning) {
            shownRunning = running;
            if (tabs.getSelectedTab() == tabsByKey.get("processes")) {
                refreshProcesses();
            }
        }
    }

    /** Draws the config-derived parts again when the guest's files changed (an edit, a Restore, a hand edit). */
    private void followConfig() {
        boolean changed = sampler.guestConfigs().stream()
                .anyMatch(c -> c.name().equals(name) && !java.util.Objects.equals(c.digest(), config.digest()));
        if (!changed) {
            return;
        }
        try {
            config = guests.config(name);
        } catch (RuntimeException e) {
            return; // removed or no longer visible: the next navigation says so
        }
        renderConfig();
        driftPanel.refresh();
    }

    private void renderConfig() {
        bootMark.setValue(config.init().bootMarked());
        renderOverviewFacts();
        configurationBox.removeAll();
        configurationBox.add(configuration());
        networkBox.removeAll();
        networkBox.add(network());
    }

    private Component overview(HorizontalLayout actions, boolean mayOperate) {
        figures.setId("guest-figures");
        figures.addClassName("figure");
        bootMark.setId("guest-boot-mark");
        bootMark.setEnabled(mayOperate);
        bootMark.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                config = guests.setStartsAtBoot(name, e.getValue(), config.digest());
                notify(e.getValue() ? name + " now starts when the host boots" : name + " no longer starts at boot", true);
            } catch (RuntimeException ex) {
                bootMark.setValue(!e.getValue());
                notify(ex.getMessage(), false);
            }
        });
        VerticalLayout box = new VerticalLayout(actions, figures, bootMark, overviewFacts);
        box.setPadding(false);
        overviewFacts.setId("guest-overview-facts");
        overviewFacts.setWidthFull();
        return box;
    }

    private void renderOverviewFacts() {
        overviewFacts.removeAll();
        overviewFacts.add(facts(new String[][] {
            {"Context (XID)", config.context() == null ? "not set" : config.context().toString()},
            {"Host name", config.nodename() == null ? name : config.nodename()
                    + (config.domainname() == null ? "" : " (domain " + config.domainname() + ")")},
            {"Root directory", config.vdirTarget() == null ? "—" : config.vdirTarget()},
            {"Addresses", String.join(", ", config.interfaces().stream().map(InterfaceEntry::ip).filter(ip -> ip != null).toList())},
            {"/tmp size", config.tmpSize() == null ? "not set" : config.tmpSize()},
            {"Driver", guests.driverName()}
        }));
        if (!config.warnings().isEmpty()) {
            Div warn = new Div();
            warn.addClassNames("notice", "warning");
            config.warnings().forEach(w -> warn.add(new Div(new Span(w.path() + ": " + w.message()))));
            overviewFacts.add(warn);
        }
    }

    private Component configuration() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Display name", orDash(config.displayName())});
        rows.add(new String[] {"Nice level", config.nice() == null ? "—" : config.nice().toString()});
        rows.add(new String[] {"Context flags", join(config.effectiveCflags())});
        rows.add(new String[] {"System capabilities added", join(config.bcapabilities())});
        rows.add(new String[] {"Context capabilities", join(config.ccapabilities())});
        rows.add(new String[] {"Network flags", join(config.nflags())});
        rows.add(new String[] {"Personality", config.personality() == null ? "—" : config.personality().type()});
        rows.add(new String[] {"Init style", orDash(config.init().style())});
        rows.add(new String[] {"Boot marks", join(config.init().marks())});
        rows.add(new String[] {"Package management inside guest", config.pkgmgmtInternal() ? "yes" : "no"});
        config.uts().forEach((k, v) -> rows.add(new String[] {"uname " + k, v}));
        config.rlimits().forEach((k, v) -> rows.add(new String[] {"Resource limit " + k,
                "soft " + orDash(v.soft()) + ", hard " + orDash(v.hard()) + (v.plain() != null ? ", both " + v.plain() : "")}));
        config.dlimits().forEach(d -> rows.add(new String[] {"Disk limit " + d.id(), d.directory() + ": "
                + orDash(d.spaceTotalKiB()) + " KiB, " + orDash(d.inodesTotal()) + " inodes, reserved " + orDash(d.reservedPercent()) + " %"}));
        rows.add(new String[] {"Scripts", join(config.scripts())});
        rows.add(new String[] {"Disabled", config.disabled() ? "yes (left out of start-all)" : "no"});
        VerticalLayout box = new VerticalLayout(facts(rows.toArray(String[][]::new)));
        box.setPadding(false);
        Grid<org.vsconsole.host.config.FstabEntry> fstab = new Grid<>();
        fstab.addColumn(org.vsconsole.host.config.FstabEntry::device).setHeader("Device");
        fstab.addColumn(org.vsconsole.host.config.FstabEntry::mountPoint).setHeader("Mount point");
        fstab.addColumn(org.vsconsole.host.config.FstabEntry::type).setHeader("Type");
        fstab.addColumn(org.vsconsole.host.config.FstabEntry::options).setHeader("Options");
        fstab.setItems(config.fstab());
        fstab.setAllRowsVisible(true);
        fstab.setAriaLabel("File systems (fstab)");
        fstab.addThemeVariants(GridVariant.LUMO_COMPACT);
        box.add(new H3("File systems (fstab)"), fstab);
        Grid<org.vsconsole.host.config.UnknownFile> unknown = new Grid<>();
        unknown.setId("guest-unknown-files");
        unknown.setAriaLabel("Unknown files, kept as they are");
        unknown.addColumn(org.vsconsole.host.config.UnknownFile::path).setHeader("File");
        unknown.addColumn(org.vsconsole.host.config.UnknownFile::type).setHeader("Type");
        unknown.addColumn(f -> f.linkTarget() == null ? Formats.bytes(f.size()) : "→ " + f.linkTarget()).setHeader("Size / link");
        unknown.setItems(config.unknownFiles());
        unknown.setAllRowsVisible(true);
        unknown.addThemeVariants(GridVariant.LUMO_COMPACT);
        box.add(new H3("Other files (kept as they are, read-only here)"), unknown);
        return box;
    }

    private Component network() {
        Grid<InterfaceEntry> grid = new Grid<>();
        grid.setId("guest-interfaces");
        grid.setAriaLabel("Network interfaces");
        grid.addColumn(InterfaceEntry::id).setHeader("Entry");
        grid.addColumn(i -> orDash(i.ip())).setHeader("Address");
        grid.addColumn(i -> i.prefix() == null ? orDash(i.mask()) : "/" + i.prefix()).setHeader("Prefix");
        grid.addColumn(i -> i.nodev() ? "none (nodev)" : orDash(i.dev())).setHeader("Host device");
        grid.addColumn(i -> orDash(i.name())).setHeader("Label");
        grid.addColumn(i -> i.disabled() ? "disabled" : "active").setHeader("State");
        grid.setItems(config.interfaces());
        grid.setAllRowsVisible(true);
        VerticalLayout box = new VerticalLayout(grid);
        box.setPadding(false);
        if (config.interfaceDefaults() != null && config.interfaceDefaults().dev() != null) {
            box.add(new Span("Default host device: " + config.interfaceDefaults().dev()));
        }
        return box;
    }

    private Component processes(boolean mayOperate) {
        // the view is reused when another guest is opened: start from no columns
        processGrid.removeAllColumns();
        processGrid.setId("guest-processes");
        processGrid.setAriaLabel("Processes");
        processGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        processGrid.addColumn(GuestProcess::pid).setHeader("PID").setAutoWidth(true);
        processGrid.addColumn(p -> p.guestPid() > 0 ? Integer.toString(p.guestPid()) : "—").setHeader("PID in guest").setAutoWidth(true);
        processGrid.addColumn(GuestProcess::user).setHeader("User").setAutoWidth(true);
        processGrid.addColumn(p -> Formats.bytes(p.vszBytes())).setHeader("VSZ").setAutoWidth(true);
        processGrid.addColumn(p -> Formats.bytes(p.rssBytes())).setHeader("RSS").setAutoWidth(true);
        processGrid.addColumn(p -> Formats.duration(p.cpuMs())).setHeader("CPU").setAutoWidth(true);
        processGrid.addColumn(GuestProcess::command).setHeader("Command").setFlexGrow(1);
        if (mayOperate) {
            processGrid.addComponentColumn(p -> {
                Button kill = new Button("Kill", e -> confirm("Kill process " + p.pid() + "?",
                        p.command() + " receives SIGTERM.", "Kill", () -> {
                            try {
                                guests.kill(name, p.pid(), 15);
                                notify("Sent SIGTERM to " + p.pid(), true);
                            } catch (RuntimeException ex) {
                                notify(ex.getMessage(), false);
                            }
                            refreshProcesses();
                        }));
                kill.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                // one "Kill" per row: the name says which process, for whoever hears the buttons listed
                kill.setAriaLabel("Kill process " + p.pid());
                return kill;
            }).setHeader("Actions").setAutoWidth(true);
        }
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refreshProcesses());
        refresh.setId("processes-refresh");
        VerticalLayout box = new VerticalLayout(refresh, processGrid);
        box.setPadding(false);
        box.setHeight("28rem");
        return box;
    }

    private Component auditTab() {
        Grid<AuditEvent> grid = auditGrid;
        grid.removeAllColumns();
        grid.setId("guest-audit");
        grid.setAriaLabel("Audit log of this guest");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(e -> e.time().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")).setHeader("Time (UTC)").setAutoWidth(true);
        grid.addColumn(AuditEvent::actor).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(AuditEvent::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(e -> e.outcome().dbValue()).setHeader("Outcome").setAutoWidth(true);
        grid.addColumn(e -> e.message() == null ? "" : e.message()).setHeader("Message").setFlexGrow(1);
        grid.setHeight("28rem");
        refreshAudit();
        return grid;
    }

    private void refreshAudit() {
        auditGrid.setItems(audit.findForGuest(name, 0, 200));
    }

    private void show(GuestLive live) {
        boolean running = live != null && live.running();
        ContextConflict conflict = live == null ? null : live.conflict();
        stateBadge.setText(conflict != null ? GuestState.CONTEXT_CONFLICT.label()
                : running ? "Running" : config.disabled() ? "Disabled" : "Stopped");
        stateBadge.getElement().getThemeList().clear();
        stateBadge.getElement().getThemeList().add(conflict != null ? "badge error" : running ? "badge success" : "badge contrast");
        start.setEnabled(!running && conflict == null);
        if (delete != null) {
            delete.setEnabled(conflict == null); // it would be refused naming the other guest anyway
        }
        bootMark.setEnabled(this.mayOperate && conflict == null);
        stop.setEnabled(running);
        restart.setEnabled(running);
        if (conflict != null) {
            figures.setText("Nothing can be done to " + name + ": " + conflict.reason()
                    + ". Give one of them another context.");
        } else if (running && live.figures() != null) {
            var f = live.figures();
            figures.setText(f.processes() + " processes · RSS " + Formats.bytes(f.rssBytes()) + " · VSZ "
                    + Formats.bytes(f.vszBytes()) + " · up " + Formats.duration(f.uptimeMs()));
        } else {
            figures.setText("Not running");
        }
    }

    private void act(String what, Runnable action) {
        UI ui = UI.getCurrent();
        start.setEnabled(false);
        stop.setEnabled(false);
        restart.setEnabled(false);
        // Off the request thread, as the signed-in user: a stop can take as long as its timeout.
        CompletableFuture.runAsync(new DelegatingSecurityContextRunnable(() -> {
            try {
                action.run();
                ui.access(() -> notify(name + ": " + what + " done", true));
            } catch (RuntimeException e) {
                ui.access(() -> notify(name + ": " + what + " failed: " + e.getMessage(), false));
            } finally {
                ui.access(() -> show(sampler.latest().guest(name)));
            }
        }));
    }

    private void refreshProcesses() {
        try {
            processGrid.setItems(guests.processes(name));
        } catch (RuntimeException e) {
            notify(e.getMessage(), false);
        }
    }

    private void openDelete() {
        Dialog dialog = new Dialog("Delete " + name);
        boolean running = sampler.latest().guest(name) != null && sampler.latest().guest(name).running();
        TextField typed = new TextField("Type the guest's name to confirm");
        typed.setId("delete-confirm-name");
        typed.setWidthFull();
        Span text = new Span("This removes the configuration in " + config.configDir() + " and the guest's root"
                + " directory with all its files. It cannot be undone.");
        VerticalLayout body = new VerticalLayout(text);
        body.setPadding(false);
        if (running) {
            Div notice = new Div(new Span(name + " is running. Stop it first."));
            notice.addClassNames("notice", "warning");
            Button stopFirst = new Button("Stop it now", e -> {
                dialog.close();
                act("stop", () -> guests.stop(name));
            });
            body.add(notice, stopFirst);
        } else {
            body.add(typed);
        }
        Button delete = new Button("Delete", e -> {
            try {
                guests.delete(name, typed.getValue());
                dialog.close();
                notify(name + " deleted", true);
                UI.getCurrent().navigate(GuestListView.class);
            } catch (InvalidInputException ex) {
                typed.setErrorMessage(ex.rule());
                typed.setInvalid(true);
            } catch (RuntimeException ex) {
                notify("Delete failed: " + ex.getMessage(), false);
            }
        });
        delete.setId("delete-confirm");
        delete.setEnabled(!running);
        delete.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.add(body);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), delete);
        dialog.setWidth("36rem");
        dialog.open();
    }

    private static void confirm(String header, String text, String action, Runnable onConfirm) {
        ConfirmDialog dialog = new ConfirmDialog(header, text, action, e -> onConfirm.run());
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private static Div facts(String[][] rows) {
        Div list = new Div();
        list.addClassName("facts");
        for (String[] row : rows) {
            Div line = new Div(new Span(row[0]), new Span(row[1]));
            line.addClassName("fact");
            list.add(line);
        }
        return list;
    }

    private static String orDash(Object value) {
        return value == null || value.toString().isEmpty() ? "—" : value.toString();
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? "—" : String.join(", ", values);
    }

    private static void notify(String text, boolean success) {
        Notification.show(text, success ? 3000 : 8000, Notification.Position.TOP_CENTER)
                .addThemeVariants(success ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
    }

}
