package org.vsconsole.guests;

import static org.vsconsole.guests.GuestPageParts.orDash;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.InterfaceEntry;

/** The guest page's Network tab: its addresses as the config tree holds them. */
class GuestNetworkTab extends VerticalLayout {

    GuestNetworkTab() {
        setPadding(false);
    }

    /** Draws the tab again from {@code config}. */
    void show(GuestConfig config) {
        removeAll();
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
        VerticalLayout box = this;
        box.add(grid);
        if (config.interfaceDefaults() != null && config.interfaceDefaults().dev() != null) {
            box.add(new Span("Default host device: " + config.interfaceDefaults().dev()));
        }
    }
}
