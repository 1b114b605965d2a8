package org.vsconsole.guests;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vsconsole.audit.AuditEvent;
import org.vsconsole.audit.AuditService;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.base.MainLayout;
import org.vsconsole.host.ContextConflict;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.monitoring.GuestLive;
import org.vsconsole.monitoring.HostSnapshot;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One guest: Overview (state, figures, actions), Configuration, Network, Processes, Context
 * ({@code /proc/virtual} details), Console
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
    private final GuestProcessService processes;
    private final Sampler sampler;
    private final AuditService audit;
    private final org.vsconsole.audit.AuditSearch auditSearch;
    private final CurrentUser currentUser;
    private String name = "";
    /** Null until beforeEnter found the guest; the parts below are built with it. */
    private @Nullable GuestConfig config;
    private final Span stateBadge = new Span();
    /** Shown while a guest without a static context runs on a dynamic one. */
    private final Span dynamicBadge = new Span();
    private @Nullable GuestOverviewTab overviewTab;
    private @Nullable GuestProcessesTab processesTab;
    private @Nullable GuestAuditTab auditTab;
    private final GuestSettingsService settings;
    private @Nullable GuestConfigurationTab configurationTab;
    private @Nullable GuestNetworkTab networkTab;
    private org.vsconsole.sync.@Nullable DriftPanel driftPanel;
    private @Nullable TabSheet tabs;
    private final Map<String, Tab> tabsByKey = new LinkedHashMap<>();
    /** Whether the guest ran at the last snapshot shown; the limits and processes depend on it. */
    private boolean shownRunning;
    /** Why a part of the page is there: every method that uses one runs after build(). */
    private static final String BUILT = "the page was built when the guest was found";

    private final org.vsconsole.sync.SyncService sync;
    private final org.vsconsole.sync.DriftDecisions decisions;
    private final List<GuestPageTab> featureTabs;
    private final GuestContextService context;
    /** Null when the user may not change the guest's configuration. */
    private @Nullable GuestSettingsDialogs editors;

    public GuestDetailView(GuestService guests, GuestProcessService processes, GuestSettingsService settings, Sampler sampler,
            AuditService audit, org.vsconsole.audit.AuditSearch auditSearch, CurrentUser currentUser,
            org.vsconsole.sync.SyncService sync, org.vsconsole.sync.DriftDecisions decisions,
            org.springframework.beans.factory.ObjectProvider<GuestPageTab> featureTabs, GuestContextService context) {
        this.context = context;
        this.sync = sync;
        this.decisions = decisions;
        this.featureTabs = featureTabs.stream().sorted(java.util.Comparator.comparingInt(GuestPageTab::order)).toList();
        this.guests = guests;
        this.processes = processes;
        this.settings = settings;
        this.sampler = sampler;
        this.audit = audit;
        this.auditSearch = auditSearch;
        this.currentUser = currentUser;
        setSizeFull();
        LiveUpdates.follow(this, sampler::subscribe, this::onSnapshot);
        LiveUpdates.<AuditEvent>follow(this, listener -> audit.subscribe(e -> {
            if (name != null && name.equals(e.targetGuest())) {
                listener.accept(e);
            }
        }), e -> {
            if (auditTab != null) {
                auditTab.refresh();
            }
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        name = event.getRouteParameters().get("name").orElse("");
        GuestConfig found;
        try {
            found = guests.config(name);
        } catch (InvalidInputException | org.springframework.security.access.AccessDeniedException e) {
            // Same answer for "does not exist" and "not yours": an owner learns nothing of others' guests.
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "No guest named " + name);
            return;
        }
        config = found;
        build(found);
        var query = event.getLocation().getQueryParameters();
        selectTab(query.getSingleParameter(TAB_PARAMETER).orElse(""));
        // the dashboard's "Assign a static context" lands here with the editor open
        if (editors != null && found.context() == null && query.getSingleParameter("assign").filter("context"::equals).isPresent()) {
            selectTab("configuration");
            editors.assignStaticContext(found);
        }
    }

    private void build(GuestConfig config) {
        removeAll();
        boolean mayOperate = currentUser.mayOperate(name);
        boolean staff = currentUser.hasRole(Role.ADMIN) || currentUser.hasRole(Role.OPERATOR);

        H2 title = new H2(name);
        title.setId("guest-title");
        stateBadge.setId("guest-state");
        dynamicBadge.setId("guest-dynamic-context");
        dynamicBadge.getElement().getThemeList().add("badge warning");
        HorizontalLayout header = new HorizontalLayout(title, stateBadge, dynamicBadge);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.addClassName("guest-header");

        TabSheet tabs = new TabSheet();
        this.tabs = tabs;
        tabs.setId("guest-tabs");
        org.vsconsole.base.TabStrips.withoutFocusableScroller(tabs);
        tabs.setWidthFull();
        tabsByKey.clear();
        // The page's own tabs and those of other features, in one order (GuestPageTab.order).
        java.util.TreeMap<Integer, java.util.Map.Entry<String, Component>> ordered = new java.util.TreeMap<>();
        GuestOverviewTab overviewTab = new GuestOverviewTab(guests, sampler, config, mayOperate, staff);
        this.overviewTab = overviewTab;
        editors = staff ? new GuestSettingsDialogs(settings, this::configSaved) : null;
        configurationTab = new GuestConfigurationTab(editors);
        networkTab = new GuestNetworkTab(editors, "linux".equals(guests.driverName())
                ? "On this host every guest joins the console's own bridge; the host device is what util-vserver"
                        + " would use on a Linux-VServer kernel."
                : null);
        header.add(overviewTab.actionsMenu()); // narrow screens: the actions from every tab
        ordered.put(10, java.util.Map.entry("Overview", overviewTab));
        ordered.put(20, java.util.Map.entry("Configuration", configurationTab));
        ordered.put(30, java.util.Map.entry("Network", networkTab));
        GuestProcessesTab processesTab = new GuestProcessesTab(processes, name, mayOperate);
        this.processesTab = processesTab;
        ordered.put(40, java.util.Map.entry("Processes", processesTab));
        ordered.put(45, java.util.Map.entry("Context", new GuestContextTab(context, sampler, name)));
        if (staff) {
            ordered.put(60, java.util.Map.entry("Console", new GuestConsole(processes, name)));
        }
        ordered.put(80, java.util.Map.entry("History", new org.vsconsole.monitoring.GuestHistoryPanel(name)));
        auditTab = new GuestAuditTab(auditSearch, name);
        ordered.put(90, java.util.Map.entry("Audit", auditTab));
        for (GuestPageTab tab : featureTabs) {
            tab.create(name).ifPresent(content -> ordered.put(tab.order(), java.util.Map.entry(tab.label(), content)));
        }
        ordered.values().forEach(tab -> addTab(tab.getKey(), tab.getValue()));
        renderConfig(config);
        tabs.addSelectedChangeListener(e -> {
            if (e.getSelectedTab().getLabel().equals("Processes")) {
                processesTab.refresh();
            }
            rememberTab(tabKey(e.getSelectedTab().getLabel()));
        });
        org.vsconsole.sync.DriftPanel driftPanel = new org.vsconsole.sync.DriftPanel(sync, decisions, currentUser, name);
        this.driftPanel = driftPanel;
        add(header, driftPanel, tabs);
        GuestLive live = sampler.latest().guest(name);
        shownRunning = live != null && live.running();
        show(config, live);
    }

    private void addTab(String label, Component content) {
        tabsByKey.put(tabKey(label), Objects.requireNonNull(tabs, BUILT).add(label, content));
    }

    private static String tabKey(String label) {
        return label.toLowerCase(java.util.Locale.ROOT);
    }

    /** Opens the tab named in the URL; an unknown or missing name leaves Overview open. */
    private void selectTab(String key) {
        Tab tab = tabsByKey.get(key);
        if (tab != null) {
            Objects.requireNonNull(tabs, BUILT).setSelectedTab(tab);
        }
    }

    /** Puts the open tab into the URL without a navigation, so a reload comes back to it. */
    private void rememberTab(String key) {
        String path = "guests/" + name + ("overview".equals(key) ? "" : "?" + TAB_PARAMETER + "=" + key);
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, path));
    }

    /** Every sampler tick: state and figures, and whatever depends on the guest's run state or files. */
    private void onSnapshot(HostSnapshot snapshot) {
        GuestConfig shown = config;
        if (shown == null) {
            return;
        }
        GuestLive live = snapshot.guest(name);
        show(shown, live);
        followConfig(shown);
        boolean running = live != null && live.running();
        if (running != shownRunning) {
            shownRunning = running;
            if (Objects.requireNonNull(tabs, BUILT).getSelectedTab() == tabsByKey.get("processes")) {
                Objects.requireNonNull(processesTab, BUILT).refresh();
            }
        }
    }

    /** Draws the config-derived parts again when the guest's files changed (an edit, a Restore, a hand edit). */
    private void followConfig(GuestConfig shown) {
        boolean changed = sampler.guestConfig(name)
                .filter(c -> !java.util.Objects.equals(c.digest(), shown.digest())).isPresent();
        if (!changed) {
            return;
        }
        GuestConfig now;
        try {
            now = guests.config(name);
        } catch (RuntimeException e) {
            return; // removed or no longer visible: the next navigation says so
        }
        config = now;
        renderConfig(now);
        Objects.requireNonNull(driftPanel, BUILT).refresh();
    }

    /** After an edit: the configuration as written, or (null) as it is now after a refused stale edit. */
    private void configSaved(@Nullable GuestConfig written) {
        GuestConfig now;
        try {
            now = written != null ? written : guests.config(name);
        } catch (RuntimeException e) {
            return;
        }
        config = now;
        renderConfig(now);
        Objects.requireNonNull(driftPanel, BUILT).refresh();
    }

    private void renderConfig(GuestConfig config) {
        Objects.requireNonNull(overviewTab, BUILT).render(config);
        Objects.requireNonNull(configurationTab, BUILT).show(config);
        Objects.requireNonNull(networkTab, BUILT).show(config);
    }

    private void show(GuestConfig config, @Nullable GuestLive live) {
        boolean running = live != null && live.running();
        ContextConflict conflict = live == null ? null : live.conflict();
        stateBadge.setText(conflict != null
                ? GuestState.CONTEXT_CONFLICT.label()
                : running ? "Running" : config.disabled() ? "Disabled" : "Stopped");
        stateBadge.getElement().getThemeList().clear();
        stateBadge.getElement().getThemeList().add(conflict != null ? "badge error" : running ? "badge success" : "badge contrast");
        Objects.requireNonNull(overviewTab, BUILT).show(live);
        boolean dynamic = running && config.context() == null;
        dynamicBadge.setVisible(dynamic);
        dynamicBadge.setText(dynamic && live != null ? "Dynamic context " + live.xid() : "");
    }
}
