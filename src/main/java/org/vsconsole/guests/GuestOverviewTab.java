package org.vsconsole.guests;

import com.vaadin.flow.component.HasEnabled;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.Formats;
import org.vsconsole.host.ContextConflict;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.InterfaceEntry;
import org.vsconsole.monitoring.GuestLive;
import org.vsconsole.monitoring.Sampler;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.ContextFigures;

/**
 * The guest page's Overview tab: start, stop, restart and delete (for who may), the live
 * figures, the boot mark and the main facts of its configuration.
 */
class GuestOverviewTab extends VerticalLayout {

    private final GuestService guests;
    private final Sampler sampler;
    private final String name;
    private final boolean mayOperate;
    private GuestConfig config;
    private final Span figures = new Span();
    private final Button start = new Button("Start", VaadinIcon.PLAY.create());
    private final Button stop = new Button("Stop", VaadinIcon.STOP.create());
    private final Button restart = new Button("Restart", VaadinIcon.REFRESH.create());
    private final Checkbox bootMark = new Checkbox("Starts when the host boots");
    /** Staff only; null for others. */
    private final @Nullable Button delete;
    private final Div facts = new Div();
    /** The same actions as one menu for the page header, shown on narrow screens only (CSS). */
    private final MenuBar menu = new MenuBar();
    private final MenuItem menuStart;
    private final MenuItem menuStop;
    private final MenuItem menuRestart;

    GuestOverviewTab(GuestService guests, Sampler sampler, GuestConfig config, boolean mayOperate, boolean staff) {
        this.guests = guests;
        this.sampler = sampler;
        this.name = config.name();
        this.config = config;
        this.mayOperate = mayOperate;
        start.setId("guest-start");
        stop.setId("guest-stop");
        restart.setId("guest-restart");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Runnable doStart = () -> act("start", () -> guests.start(name));
        Runnable doStop = () -> Feedback.confirmDestructive("Stop " + name + "?",
                "Its services stop and every process of the guest ends.", "Stop", () -> act("stop", () -> guests.stop(name)));
        Runnable doRestart = () -> Feedback.confirmDestructive("Restart " + name + "?",
                "Every process of the guest ends and the guest starts again.", "Restart",
                () -> act("restart", () -> guests.restart(name)));
        start.addClickListener(e -> doStart.run());
        stop.addClickListener(e -> doStop.run());
        restart.addClickListener(e -> doRestart.run());
        HorizontalLayout actions = new HorizontalLayout(start, stop, restart);
        // at 320 px or 400 % zoom the actions wrap instead of running off the panel's edge
        actions.addClassName("wrapping-toolbar");
        Runnable doDelete = () -> GuestDeleteDialog.open(guests, this.config, runningNow(),
                () -> act("stop", () -> guests.stop(name)));
        if (staff) {
            delete = new Button("Delete…", VaadinIcon.TRASH.create(), e -> doDelete.run());
            delete.setId("guest-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            actions.add(delete);
        } else {
            delete = null;
        }
        actions.setVisible(mayOperate);
        menu.setId("guest-actions-menu");
        menu.addClassName("narrow-only");
        menu.addThemeVariants(MenuBarVariant.LUMO_ICON);
        MenuItem open = menu.addItem(VaadinIcon.ELLIPSIS_DOTS_V.create());
        open.setId("guest-actions-open");
        open.setAriaLabel("Actions");
        open.setTooltipText("Actions");
        SubMenu items = open.getSubMenu();
        menuStart = items.addItem("Start", e -> doStart.run());
        menuStart.setId("guest-menu-start");
        menuStop = items.addItem("Stop", e -> doStop.run());
        menuStop.setId("guest-menu-stop");
        menuRestart = items.addItem("Restart", e -> doRestart.run());
        menuRestart.setId("guest-menu-restart");
        if (delete != null) {
            items.addItem("Delete…", e -> doDelete.run()).setId("guest-menu-delete");
        }
        menu.setVisible(mayOperate);
        figures.setId("guest-figures");
        figures.addClassName("figure");
        bootMark.setId("guest-boot-mark");
        bootMark.setEnabled(mayOperate);
        bootMark.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                this.config = guests.setStartsAtBoot(name, e.getValue(), this.config.digest());
                Feedback.success(e.getValue() ? name + " now starts when the host boots" : name + " no longer starts at boot");
            } catch (RuntimeException ex) {
                bootMark.setValue(!e.getValue());
                Feedback.error(ex.getMessage());
            }
        });
        facts.setId("guest-overview-facts");
        facts.setWidthFull();
        setPadding(false);
        add(actions, figures, bootMark, facts);
        render(config);
    }

    /** Start, stop, restart and delete as one menu, for the page header on a narrow screen. */
    MenuBar actionsMenu() {
        return menu;
    }

    /** Draws the config-derived parts again from {@code config}. */
    void render(GuestConfig config) {
        this.config = config;
        bootMark.setValue(config.init().bootMarked());
        facts.removeAll();
        facts.add(GuestPageParts.facts(new String[][]{
                {"Context (XID)", config.context() == null ? "not set" : config.context().toString()},
                {"Host name", config.nodename() == null
                        ? name
                        : config.nodename()
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
            facts.add(warn);
        }
    }

    /** The actions that fit the guest's state now, and its figures. */
    /** Whether the guest ran at the latest tick: one look, as a tick in between may replace the snapshot. */
    private boolean runningNow() {
        GuestLive live = sampler.latest().guest(name);
        return live != null && live.running();
    }

    void show(@Nullable GuestLive live) {
        boolean running = live != null && live.running();
        ContextConflict conflict = live == null ? null : live.conflict();
        // The services refuse these for an unmanaged guest; the page says so before anyone clicks.
        boolean unmanaged = guests.unmanaged(name);
        start.setEnabled(!running && conflict == null && !unmanaged);
        if (delete != null) {
            delete.setEnabled(conflict == null); // it would be refused naming the other guest anyway
        }
        bootMark.setEnabled(mayOperate && conflict == null && !unmanaged);
        stop.setEnabled(running && !unmanaged);
        restart.setEnabled(running && !unmanaged);
        // from the state, not from the buttons: on another tab they are hidden, and so read as disabled
        menuStart.setEnabled(!running && conflict == null && !unmanaged);
        menuStop.setEnabled(running && !unmanaged);
        menuRestart.setEnabled(running && !unmanaged);
        String why = unmanaged
                ? name + " was made outside the console and is not managed yet: adopt it first (Adopt, above)"
                        + " to start, stop or change it."
                : null;
        for (var button : new Button[]{start, stop, restart}) {
            button.setTooltipText(why);
        }
        bootMark.setTooltipText(why);
        if (conflict != null) {
            figures.setText("Nothing can be done to " + name + ": " + conflict.reason()
                    + ". Give one of them another context.");
        } else if (unmanaged) {
            figures.setText(why);
        } else if (running && live != null && live.figures() instanceof ContextFigures f) {
            figures.setText(f.processes() + " processes · RSS " + Formats.bytes(f.rssBytes()) + " · VSZ "
                    + Formats.bytes(f.vszBytes()) + " · up " + Formats.duration(f.uptimeMs()));
        } else {
            figures.setText("Not running");
        }
    }

    private void act(String what, Runnable action) {
        UI ui = UI.getCurrent();
        for (HasEnabled control : new HasEnabled[]{start, stop, restart, menuStart, menuStop, menuRestart}) {
            control.setEnabled(false);
        }
        // Off the request thread, as the signed-in user: a stop can take as long as its timeout.
        CompletableFuture.runAsync(new DelegatingSecurityContextRunnable(() -> {
            try {
                action.run();
                ui.access(() -> Feedback.success(name + ": " + what + " done"));
            } catch (RuntimeException e) {
                ui.access(() -> Feedback.error(name + ": " + what + " failed: " + e.getMessage()));
            } finally {
                ui.access(() -> show(sampler.latest().guest(name)));
            }
        }));
    }
}
