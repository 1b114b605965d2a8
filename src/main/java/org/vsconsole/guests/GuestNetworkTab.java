package org.vsconsole.guests;

import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.button.Button;
import static org.vsconsole.guests.GuestPageParts.orDash;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.InterfaceEntry;
import org.jspecify.annotations.Nullable;

/** The guest page's Network tab: its addresses as the config tree holds them. */
class GuestNetworkTab extends VerticalLayout {

    private final @Nullable GuestSettingsDialogs editors;
    private final @Nullable String deviceNote;

    /**
     * {@code editors} null: the user may not change addresses. {@code deviceNote} says what the
     * host device means on this host, or null.
     */
    GuestNetworkTab(@Nullable GuestSettingsDialogs editors, @Nullable String deviceNote) {
        this.editors = editors;
        this.deviceNote = deviceNote;
        setPadding(false);
    }

    /** Draws the tab again from {@code config}. */
    void show(GuestConfig config) {
        removeAll();
        Grid<InterfaceEntry> grid = new Grid<>();
        grid.setId("guest-interfaces");
        grid.setAriaLabel("Network interfaces");
        grid.addColumn(InterfaceEntry::id).setHeader("Entry");
        var address = grid.addColumn(i -> orDash(i.ip())).setHeader("Address");
        grid.addColumn(i -> i.prefix() == null ? orDash(i.mask()) : "/" + i.prefix()).setHeader("Prefix");
        grid.addColumn(i -> i.nodev() ? "none (nodev)" : orDash(i.dev())).setHeader("Host device");
        grid.addColumn(i -> orDash(i.name())).setHeader("Label");
        grid.addColumn(i -> i.disabled() ? "disabled" : "active").setHeader("State");
        if (editors != null) {
            grid.addComponentColumn(i -> {
                Button edit = new Button("Edit", e -> editors.address(config, i));
                edit.setId("edit-address-" + i.id());
                edit.setAriaLabel("Edit address " + i.id());
                edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
                Button remove = new Button("Remove", e -> editors.removeAddress(config, i));
                remove.setId("remove-address-" + i.id());
                remove.setAriaLabel("Remove address " + i.id());
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                HorizontalLayout actions = new HorizontalLayout(edit, remove);
                actions.setSpacing(false);
                actions.getStyle().set("gap", "var(--lumo-space-xs)");
                return actions;
            }).setHeader("Actions").setKey("actions").setAutoWidth(true);
        }
        org.vsconsole.base.NarrowColumns.keepOnly(grid, address, grid.getColumnByKey("actions"));
        grid.setItems(config.interfaces());
        grid.setAllRowsVisible(true);
        VerticalLayout box = this;
        box.add(grid);
        if (config.interfaceDefaults() != null && config.interfaceDefaults().dev() != null) {
            box.add(new Span("Default host device: " + config.interfaceDefaults().dev()));
        }
        if (deviceNote != null) {
            Span note = new Span(deviceNote);
            note.setId("network-device-note");
            box.add(note);
        }
        if (editors != null) {
            Button add = new Button("Add address", VaadinIcon.PLUS.create(), e -> editors.address(config, null));
            add.setId("add-address");
            box.add(add, new Span("Address changes take effect when the guest next starts."));
        }
    }
}
