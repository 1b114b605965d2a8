package org.vsconsole.guests;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.vsconsole.audit.AuditEvent;
import org.vsconsole.audit.AuditSearch;

/** The guest page's Audit tab: the newest 200 rows about the guest. */
class GuestAuditTab extends VerticalLayout {

    private final AuditSearch audit;
    private final String name;
    private final Grid<AuditEvent> auditGrid = new Grid<>();

    GuestAuditTab(AuditSearch audit, String name) {
        this.audit = audit;
        this.name = name;
        Grid<AuditEvent> grid = auditGrid;
        grid.setId("guest-audit");
        grid.setAriaLabel("Audit log of this guest");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        var time = grid.addColumn(e -> e.time().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")).setHeader("Time (UTC)")
                .setAutoWidth(true);
        grid.addColumn(AuditEvent::actor).setHeader("Actor").setAutoWidth(true);
        var action = grid.addColumn(AuditEvent::action).setHeader("Action").setAutoWidth(true);
        var outcome = grid.addColumn(e -> e.outcome().dbValue()).setHeader("Outcome").setAutoWidth(true);
        org.vsconsole.base.NarrowColumns.keepOnly(grid, time, action, outcome);
        grid.addColumn(e -> e.message() == null ? "" : e.message()).setHeader("Message").setFlexGrow(1);
        grid.setHeight("28rem");
        add(grid);
        setPadding(false);
        refresh();
    }

    /** Reads the guest's newest audit rows again. */
    void refresh() {
        auditGrid.setItems(audit.findForGuest(name, 0, 200));
    }
}
