package org.vsconsole.fleet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.base.MainLayout;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/**
 * Every host the console runs, this one first: state (or why it cannot be reached), driver,
 * kernel, engine, guests, load, memory and last contact, refreshed while open. A host that is
 * down is a grey row with its reason, never an error page.
 */
@Route(value = "hosts", layout = MainLayout.class)
@PageTitle("Hosts · VServer Console")
@Menu(order = 15, title = "Hosts", icon = "vaadin:cluster")
@RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
public class HostsView extends VerticalLayout {

    private final FleetGuests fleet;
    private final Grid<HostLine> grid = new Grid<>();
    private List<HostLine> shown = List.of();

    public HostsView(FleetGuests fleet, HostRegistry registry, Sampler sampler, CurrentUser user) {
        this.fleet = fleet;
        setSizeFull();
        HorizontalLayout header = new HorizontalLayout(new H2("Hosts"));
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        if (user.hasRole(Role.ADMIN)) {
            Button add = new Button("Add host", VaadinIcon.PLUS.create(),
                    e -> new AddHostDialog(registry, fleet, this::refresh).open());
            add.setId("hosts-add");
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(add);
            header.expand(header.getComponentAt(0));
        }
        add(header, new Paragraph("Other hosts are reached over SSH; the console's key may only start the host agent there."
                + " Contexts and addresses are unique per host."));
        grid.setId("hosts-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(l -> new Anchor("hosts/" + l.name(), l.name())).setHeader("Host").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(HostsView::stateCell).setHeader("State").setWidth("16rem").setFlexGrow(1);
        grid.addColumn(HostLine::driver).setHeader("Driver").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(HostLine::kernel).setHeader("Kernel").setAutoWidth(true);
        grid.addColumn(HostLine::engine).setHeader("Engine").setAutoWidth(true);
        grid.addColumn(HostLine::guests).setHeader("Guests").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(HostLine::load).setHeader("Load").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(HostLine::memory).setHeader("Memory used").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(HostLine::lastContact).setHeader("Last contact").setAutoWidth(true);
        grid.setPartNameGenerator(l -> l.reachable() ? null : "host-unreachable");
        grid.setAllRowsVisible(true);
        add(grid);
        refresh();
        // the sampler ticks every second; a row changes only when a look found something new
        LiveUpdates.follow(this, sampler::subscribe, snapshot -> refresh());
    }

    private void refresh() {
        List<HostLine> lines = fleet.hosts().stream().map(HostLine::of).toList();
        if (!lines.equals(shown)) {
            shown = lines;
            grid.setItems(lines);
        }
    }

    private static Span stateCell(HostLine line) {
        Span badge = new Span(line.state());
        badge.getElement().getThemeList().add(line.reachable() ? "badge success" : "badge error");
        Span cell = new Span(badge);
        if (!line.reachable()) {
            Span why = new Span(" " + line.problem().replaceFirst("^unreachable: ", ""));
            why.addClassName("host-problem");
            cell.add(why);
        }
        cell.addClassName("host-state");
        return cell;
    }
}
