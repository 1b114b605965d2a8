package org.vsconsole.limits;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.Consumer;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.DiskUsage;
import org.vsconsole.host.config.ConfigConflictException;

/**
 * The limits panel's disk part: whether the disk limit is enforced and why, the kernel's count,
 * the {@code dlimits} entries, a measurement of the tree, and (for staff) the form to set one.
 */
class DiskLimitsSection extends VerticalLayout {

    DiskLimitsSection(DiskLimitService disks, String guest, GuestLimits current, boolean mayChange,
            Consumer<GuestLimits> render, Consumer<ConfigConflictException> conflict) {
        setId("limits-disk");
        setPadding(false);
        add(new H3("Disk limits"));
        DiskQuotaState quota = current.diskQuota();
        Paragraph note = new Paragraph("Disk limit " + quota.summary() + (quota.enforced() ? " (" + quota.reason() + ")" : "")
                + ".");
        note.setId("disk-enforced");
        note.addClassNames("notice", quota.enforced() ? "info" : "warning");
        add(note);
        if (quota.usageKnown()) {
            Span counted = new Span(kernelCount(quota));
            counted.setId("disk-quota-usage");
            add(counted);
        }
        for (DiskLimitEntry d : current.diskLimits()) {
            Span line = new Span("dlimits/" + d.id() + ": " + d.directory() + " – " + d.spaceTotalKiB() + " KiB, "
                    + d.inodesTotal() + " inodes, " + d.reservedPercent() + "% reserved"
                    + (d.complete() ? "" : " (incomplete: util-vserver skips it)") + (d.disabled() ? " (disabled)" : ""));
            line.setId("dlimit-" + d.id());
            add(line);
        }
        Span usage = new Span();
        usage.setId("disk-usage");
        Button measure = new Button("Measure usage", VaadinIcon.HARDDRIVE.create(), e -> {
            try {
                DiskUsage u = disks.diskUsage(guest);
                usage.setText((u.complete() ? "" : "at least ") + u.spaceKiB() + " KiB, " + u.inodes() + " inodes — " + u.note());
            } catch (RuntimeException ex) {
                usage.setText("Cannot measure: " + ex.getMessage());
            }
        });
        measure.setId("disk-measure");
        add(new HorizontalLayout(measure, usage));
        if (mayChange) {
            DiskLimitEntry first = current.diskLimits().isEmpty() ? null : current.diskLimits().getFirst();
            TextField id = LimitsPanelParts.text("dlimit-id", "Entry", first == null ? "root" : first.id());
            TextField dir = LimitsPanelParts.text("dlimit-directory", "Directory",
                    first == null || first.directory() == null ? "" : first.directory());
            dir.setWidth("20em");
            TextField space = LimitsPanelParts.text("dlimit-space", "Space (KiB)",
                    first == null || first.spaceTotalKiB() == null ? "" : first.spaceTotalKiB().toString());
            TextField inodes = LimitsPanelParts.text("dlimit-inodes", "Inodes",
                    first == null || first.inodesTotal() == null ? "" : first.inodesTotal().toString());
            TextField reserved = LimitsPanelParts.text("dlimit-reserved", "Reserved %",
                    first == null || first.reservedPercent() == null ? "5" : first.reservedPercent().toString());
            Button saveDisk = new Button("Save disk limit", e -> {
                try {
                    GuestLimits after = disks.setDiskLimit(guest, new DiskLimitEdit(id.getValue(), dir.getValue(),
                            space.getValue(), inodes.getValue(), reserved.getValue()), current.digest());
                    render.accept(after);
                    if (after.diskEnforced()) {
                        Feedback.success("Disk limit saved; " + after.diskNote());
                    } else {
                        Feedback.warning("Disk limit saved; " + after.diskNote());
                    }
                } catch (InvalidInputException ex) {
                    Feedback.error(ex.getMessage());
                } catch (ConfigConflictException ex) {
                    conflict.accept(ex);
                }
            });
            saveDisk.setId("dlimit-save");
            HorizontalLayout form = new HorizontalLayout(id, dir, space, inodes, reserved, saveDisk);
            form.setAlignItems(Alignment.BASELINE);
            form.setWrap(true);
            add(form);
        }
    }

    /** What the kernel counts against the guest, next to the limits it holds (0 = none). */
    static String kernelCount(DiskQuotaState quota) {
        String space = quota.usedKiB() + " KiB" + (quota.limitKiB() > 0 ? " of " + quota.limitKiB() + " KiB" : "");
        String inodes = quota.inodesUsed() + (quota.limitInodes() > 0 ? " of " + quota.limitInodes() : "") + " inodes";
        return "Counted by the kernel: " + space + ", " + inodes + " used.";
    }
}
