package org.vsconsole.guests;

import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.button.Button;
import static org.vsconsole.guests.GuestPageParts.facts;
import static org.vsconsole.guests.GuestPageParts.join;
import static org.vsconsole.guests.GuestPageParts.orDash;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.ArrayList;
import java.util.List;
import org.vsconsole.base.Formats;
import org.vsconsole.host.config.GuestConfig;
import org.jspecify.annotations.Nullable;

/** The guest page's Configuration tab: every setting of the config tree, its fstab and the files kept as they are. */
class GuestConfigurationTab extends VerticalLayout {

    private final @Nullable GuestSettingsDialogs editors;

    /** {@code editors} null: the user may not change the guest's configuration. */
    GuestConfigurationTab(@Nullable GuestSettingsDialogs editors) {
        this.editors = editors;
        setPadding(false);
    }

    /** Draws the tab again from {@code config}. */
    void show(GuestConfig config) {
        removeAll();
        add(new H3("Identity"), facts(new String[][]{
                {"Host name", orDash(config.nodename())},
                {"Domain", orDash(config.domainname())},
                {"Context (XID)", config.context() == null
                        ? "no static context: dynamic (49152+) under util-vserver, not startable on a stock kernel"
                        : config.context().toString()}}));
        if (editors != null) {
            Button hostname = new Button("Edit host name", VaadinIcon.EDIT.create(), e -> editors.hostName(config));
            hostname.setId("edit-hostname-open");
            Button context = new Button("Change context", VaadinIcon.EDIT.create(), e -> editors.context(config));
            context.setId("edit-context-open");
            HorizontalLayout actions = new HorizontalLayout(hostname, context);
            actions.addClassName("wrapping-toolbar");
            if (config.context() == null) {
                Button assign = new Button("Assign a static context", VaadinIcon.KEY.create(), e -> editors.assignStaticContext(config));
                assign.setId("assign-context-open");
                actions.add(assign);
            }
            add(actions);
        }
        add(new H3("Settings"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"Display name", orDash(config.displayName())});
        rows.add(new String[]{"Nice level", config.nice() == null ? "—" : config.nice().toString()});
        rows.add(new String[]{"Context flags", join(config.effectiveCflags())});
        rows.add(new String[]{"System capabilities added", join(config.bcapabilities())});
        rows.add(new String[]{"Context capabilities", join(config.ccapabilities())});
        rows.add(new String[]{"Network flags", join(config.nflags())});
        rows.add(new String[]{"Personality", config.personality() == null
                ? "—"
                : String.join(" ", config.personality().type(), String.join(" ", config.personality().flags())).strip()});
        int capabilityRows = rows.size();
        rows.add(new String[]{"Init style", orDash(config.init().style())});
        rows.add(new String[]{"Boot marks", join(config.init().marks())});
        rows.add(new String[]{"Package management inside guest", config.pkgmgmtInternal() ? "yes" : "no"});
        config.uts().forEach((k, v) -> {
            if (!k.equals("nodename") && !k.equals("domainname")) {
                rows.add(new String[]{"uname " + k, v});
            }
        });
        config.rlimits().forEach((k, v) -> rows.add(new String[]{"Resource limit " + k,
                "soft " + orDash(v.soft()) + ", hard " + orDash(v.hard()) + (v.plain() != null ? ", both " + v.plain() : "")}));
        config.dlimits().forEach(d -> rows.add(new String[]{"Disk limit " + d.id(), d.directory() + ": "
                + orDash(d.spaceTotalKiB()) + " KiB, " + orDash(d.inodesTotal()) + " inodes, reserved " + orDash(d.reservedPercent())
                + " %"}));
        rows.add(new String[]{"Scripts", join(config.scripts())});
        rows.add(new String[]{"Disabled", config.disabled() ? "yes (left out of start-all)" : "no"});
        VerticalLayout box = this;
        box.add(facts(rows.subList(0, capabilityRows).toArray(String[][]::new)));
        if (editors != null) {
            CapabilityDialogs dialogs = editors.capabilityDialogs();
            Button caps = new Button("Edit capabilities", VaadinIcon.EDIT.create(), e -> dialogs.capabilities(config));
            caps.setId("edit-capabilities-open");
            Button personality = new Button("Edit personality", VaadinIcon.EDIT.create(), e -> dialogs.personality(config));
            personality.setId("edit-personality-open");
            HorizontalLayout capabilityActions = new HorizontalLayout(caps, personality);
            capabilityActions.addClassName("wrapping-toolbar");
            box.add(capabilityActions);
        }
        box.add(facts(rows.subList(capabilityRows, rows.size()).toArray(String[][]::new)));
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
    }
}
