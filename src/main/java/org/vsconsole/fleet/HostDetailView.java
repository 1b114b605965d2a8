package org.vsconsole.fleet;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.base.MainLayout;
import org.vsconsole.host.HostFacts;
import org.vsconsole.host.HostSettingsView;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.jobs.JobService;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/**
 * One host: its state, facts and guests. A managed host's guests are started and stopped here
 * through its agent; this host's guests link to their own pages, which do more.
 */
@Route(value = "hosts/:host", layout = MainLayout.class)
@RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
public class HostDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final FleetGuests fleet;
    private final JobService jobs;
    private final HostRegistry registry;
    private final Sampler sampler;
    private final boolean staff;
    private final boolean admin;
    private final Grid<HostGuest> guests = new Grid<>();
    private final Div state = new Div();
    private final Div facts = new Div();
    private String host = "";
    private @Nullable HostLine shownLine;
    private List<HostGuest> shownGuests = List.of();
    private boolean local;
    private final CurrentUser user;
    private final java.util.List<RemoteGuestAction> more;

    public HostDetailView(FleetGuests fleet, HostRegistry registry, Sampler sampler, JobService jobs, CurrentUser user,
            java.util.List<RemoteGuestAction> more) {
        this.fleet = fleet;
        this.more = more.stream().filter(RemoteGuestAction::allowed).toList();
        this.user = user;
        this.jobs = jobs;
        this.registry = registry;
        this.sampler = sampler;
        this.staff = user.hasRole(Role.ADMIN) || user.hasRole(Role.OPERATOR);
        this.admin = user.hasRole(Role.ADMIN);
    }

    @Override
    public String getPageTitle() {
        return host + " · Hosts · VServer Console";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        host = event.getRouteParameters().get("host").orElse("");
        HostStatus status;
        try {
            status = fleet.host(host);
        } catch (InvalidInputException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "No host '" + host + "'");
            return;
        }
        local = status.local();
        removeAll();
        HorizontalLayout header = new HorizontalLayout(new H2(local ? "This host (local)" : "Host " + host));
        header.setWidthFull();
        if (admin && !local) {
            Button remove = new Button("Remove host", e -> confirmRemove());
            remove.setId("host-remove");
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
            header.add(remove);
            header.expand(header.getComponentAt(0));
        }
        state.setId("host-state");
        facts.setId("host-facts");
        guests.setId("host-guests");
        guests.removeAllColumns();
        guests.addComponentColumn(this::nameCell).setHeader("Guest").setAutoWidth(true);
        guests.addColumn(g -> g.context() == null ? "–" : Integer.toString(g.context())).setHeader("Context").setAutoWidth(true);
        guests.addComponentColumn(HostDetailView::runningCell).setHeader("State").setAutoWidth(true);
        if (staff && !local) {
            guests.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true);
        }
        guests.setAllRowsVisible(true);
        HorizontalLayout guestsHeader = new HorizontalLayout(new H3("Guests"));
        guestsHeader.setWidthFull();
        guestsHeader.setAlignItems(Alignment.BASELINE);
        if (staff && !local) {
            Button create = new Button("New guest", e -> RemoteGuestDialogs.create(fleet, jobs, host, this::refresh));
            create.setId("remote-guest-new");
            guestsHeader.add(create);
            guestsHeader.expand(guestsHeader.getComponentAt(0));
        }
        add(new Anchor("hosts", "← All hosts"), header, state, facts, guestsHeader, guests);
        show(status);
        LiveUpdates.follow(this, sampler::subscribe, snapshot -> refresh());
    }

    private void show(HostStatus status) {
        HostLine line = HostLine.of(status);
        if (!line.equals(shownLine)) {
            shownLine = line;
            state.removeAll();
            if (!line.reachable()) {
                state.add(Feedback.banner("warning", line.problem() + (status.lastContact() == null
                        ? ""
                        : ". Guests as last seen at " + line.lastContact() + ".")));
            } else {
                state.add(new Span(
                        "Reachable at " + status.address() + ", driver " + line.driver() + ". Load " + line.load() + ", memory used "
                                + line.memory() + ", last contact " + line.lastContact() + "."));
            }
            facts.removeAll();
            HostFacts f = status.facts();
            if (f != null) {
                facts.add(HostSettingsView.hostFacts(f, null));
            }
        }
        // their figures are the dashboard's: here a row (and its buttons) is redrawn only when its state changes
        List<HostGuest> now = status.guests().stream().map(HostGuest::withoutFigures).toList();
        if (!now.equals(shownGuests)) {
            shownGuests = now;
            guests.setItems(shownGuests);
        }
    }

    private Component nameCell(HostGuest g) {
        return local ? new Anchor("guests/" + g.name(), g.name()) : new Span(g.name());
    }

    private static Component runningCell(HostGuest g) {
        return RemoteGuestBadges.badge(RemoteGuestBadges.label(g, true), g.problem());
    }

    private Component actions(HostGuest g) {
        Button start = RemoteGuestPower.start(fleet, host, g, "host-guest", g.name(), this::refresh);
        Button stop = RemoteGuestPower.stop(fleet, host, g, "host-guest", g.name(), this::refresh);
        Button limit = new Button("Limit", e -> RemoteGuestDialogs.limit(fleet, host, g, this::refresh));
        limit.setId("host-guest-limit-" + g.name());
        limit.setEnabled(g.problem() == null);
        Button settings = new Button("Settings", e -> RemoteGuestSettingsDialog.open(fleet, host, g, this::refresh));
        settings.setId("host-guest-settings-" + g.name());
        settings.setEnabled(g.problem() == null);
        Button delete = new Button("Delete", e -> RemoteGuestDialogs.delete(fleet, host, g, this::refresh));
        delete.setId("host-guest-delete-" + g.name());
        delete.setEnabled(!g.running());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(start, stop, limit, settings, delete,
                RemoteGuestPower.terminal(user, host, g, "host-guest", g.name()));
        for (RemoteGuestAction action : more) {
            Button button = new Button(action.label(), e -> action.open(host, g.name(), this::refresh));
            button.setId(action.id() + g.name());
            button.setEnabled(g.problem() == null);
            actions.add(button);
        }
        actions.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.CENTER);
        return actions;
    }

    private void refresh() {
        fleet.hosts().stream().filter(s -> s.name().equals(host)).findFirst().ifPresent(this::show);
    }

    private void confirmRemove() {
        Dialog dialog = new Dialog("Remove host " + host);
        TextField typed = new TextField("Type the host's name to confirm");
        typed.setId("host-remove-name");
        typed.setWidthFull();
        Button remove = new Button("Remove", e -> {
            try {
                registry.remove(host, typed.getValue());
                dialog.close();
                Feedback.success("Host " + host + " removed; its guests go on running there");
                UI.getCurrent().navigate(HostsView.class);
            } catch (InvalidInputException ex) {
                typed.setErrorMessage(ex.rule());
                typed.setInvalid(true);
            }
        });
        remove.setId("host-remove-confirm");
        remove.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.add(new VerticalLayout(new Span("The console forgets " + host + " and its pinned key. Its guests go on"
                + " running there; remove the console's key from its authorized_keys to end all access."), typed));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), remove);
        dialog.open();
    }

}
