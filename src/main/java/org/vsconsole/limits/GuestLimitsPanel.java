package org.vsconsole.limits;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.ConfigConflictException;
import org.jspecify.annotations.Nullable;

/**
 * The "Limits" tab of a guest: one row per limit with current use, maximum, saved and live
 * soft/hard, hits and whether live differs from saved; editable soft/hard with "Apply now",
 * "Save" and "Apply and save"; disk limits; the {@code /tmp} size. A stale read opens a dialog
 * naming the changed files with a Reload button. Values are in each limit's unit (pages for memory
 * limits, shown next to the MiB they mean); {@code inf} is unlimited.
 */
public class GuestLimitsPanel extends VerticalLayout {

    private final LimitService service;
    private final DiskLimitService disks;
    private final TmpSizeService tmp;
    private final String guest;
    private final boolean mayChange;
    private @Nullable GuestLimits current;
    private @Nullable RlimitRows rows;
    private java.time.Instant renderedAt = java.time.Instant.EPOCH;
    /** Run state and config digest of the last tick, to notice a start, a stop or a changed file. */
    private @Nullable Boolean tickRunning;
    private @Nullable String tickDigest;

    public GuestLimitsPanel(LimitService service, DiskLimitService disks, TmpSizeService tmp, String guest, boolean mayChange) {
        this.service = service;
        this.disks = disks;
        this.tmp = tmp;
        this.guest = guest;
        this.mayChange = mayChange;
        setId("guest-limits");
        setPadding(false);
        // Ticks reach the panel only while it is shown (a tab not open is detached): each time it
        // is shown it reads the guest afresh, and compares later ticks with that.
        addAttachListener(e -> {
            refresh();
            tickRunning = current == null ? null : current.running();
            tickDigest = current == null ? null : current.digest();
        });
        LiveUpdates.<LimitService.LiveFigures>follow(this, listener -> service.followLive(guest, listener), this::showLive);
    }

    /**
     * Reads the limits again and rebuilds the panel, unless the user has typed values not yet
     * applied: those stay, with a notice, and the panel keeps the state they were typed against,
     * so "Apply" refuses them with the files named if the guest's limits changed meanwhile.
     */
    public void refresh() {
        if (rows != null && rows.edited()) {
            noteEditsKept();
            return;
        }
        reload();
    }

    /** Reads the limits again and rebuilds the panel, dropping edits not applied. */
    private void reload() {
        GuestLimits read;
        try {
            read = service.limits(guest);
        } catch (InvalidInputException | AccessDeniedException e) {
            removeAll();
            rows = null;
            add(Feedback.banner("error", "The limits of " + guest + " cannot be shown: " + e.getMessage()));
            return;
        }
        render(read);
    }

    private void noteEditsKept() {
        if (getChildren().anyMatch(c -> c.getId().filter("limits-edits-kept"::equals).isPresent())) {
            return;
        }
        Div note = Feedback.banner("warning", guest + " changed while you were editing. Your values are kept; \"Apply\" or"
                + " \"Save\" checks them against what changed.");
        note.setId("limits-edits-kept");
        addComponentAsFirst(note);
    }

    /** Shows {@code limits}, e.g. the fresh state a change returned (the sampler may not have caught up). */
    private void render(GuestLimits limits) {
        renderedAt = java.time.Instant.now();
        removeAll();
        current = limits;
        rows = new RlimitRows(limits, mayChange);
        add(Feedback.banner(current.running() ? "" : "warning", current.running()
                ? "Live values are what the kernel enforces now; saved values apply at each start."
                : guest + " is not running: only saved values are shown. \"Save\" writes them for the next start."));

        add(rows.primary());
        Details moreDetails = new Details("More limits (util-vserver names; most are enforced only by a Linux-VServer kernel)",
                rows.more());
        moreDetails.setId("limits-more");
        add(moreDetails);

        Button apply = new Button("Apply now", VaadinIcon.BOLT.create(), e -> submit(true, false));
        apply.setId("limits-apply");
        apply.setEnabled(current.running());
        Button save = new Button("Save", VaadinIcon.DISC.create(), e -> submit(false, true));
        save.setId("limits-save");
        Button both = new Button("Apply and save", VaadinIcon.CHECK.create(), e -> submit(true, true));
        both.setId("limits-apply-save");
        both.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout actions = new HorizontalLayout(apply, save, both);
        actions.setVisible(mayChange);
        add(actions);
        if (!mayChange) {
            add(new Paragraph("Limits are changed by administrators and operators."));
        }
        add(new DiskLimitsSection(disks, guest, current, mayChange, this::render, this::conflict),
                new TmpSizeSection(tmp, guest, current, mayChange, this::render, this::conflict));
    }

    /**
     * True on the tick where the guest started or stopped or its files changed since the tick
     * before (the first tick is compared with what the panel was first drawn from).
     */
    private boolean startedOrStoppedOrEdited(LimitService.LiveFigures tick) {
        boolean running = tick.figures() != null;
        boolean changed = tickRunning != null
                && (running != tickRunning || !java.util.Objects.equals(tick.configDigest(), tickDigest));
        tickRunning = running;
        tickDigest = tick.configDigest();
        // a tick taken before the panel was last drawn (the one a write of its own set off) is old news
        return changed && !tick.takenAt().isBefore(renderedAt);
    }

    /**
     * Updates what the kernel reports without touching the fields the user may be editing. A tick
     * sampled before the panel was last drawn (e.g. from the state a change just returned) is
     * older than what is shown and is skipped, so an applied value does not flick back.
     */
    private void showLive(LimitService.LiveFigures tick) {
        if (startedOrStoppedOrEdited(tick)) {
            refresh();
            return;
        }
        if (tick.figures() != null && rows != null && !tick.takenAt().isBefore(renderedAt)) {
            rows.showLive(tick.figures());
        }
    }

    /** Sends the rows the user edited, or with none, brings live values back to the saved ones. */
    private void submit(boolean live, boolean persistent) {
        // the buttons that submit exist only once the rows are rendered
        RlimitRows rows = java.util.Objects.requireNonNull(this.rows);
        GuestLimits current = java.util.Objects.requireNonNull(this.current);
        rows.clearInvalid();
        Map<String, LimitEdit> edits = rows.edits(live);
        if (edits.isEmpty()) {
            Feedback.info("Nothing to change: the fields hold the current values.");
            return;
        }
        try {
            GuestLimits after = service.apply(guest, edits, live, persistent, current.digest());
            render(after);
            Feedback.success(message(after, live, persistent, edits.size()));
        } catch (InvalidInputException e) {
            rows.markInvalid(e);
            Feedback.error(e.getMessage());
        } catch (ConfigConflictException e) {
            conflict(e);
        } catch (HostOperationException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
    }

    private static String message(GuestLimits after, boolean live, boolean persistent, int count) {
        String what = count + (count == 1 ? " limit" : " limits");
        if (persistent && live) {
            return Boolean.TRUE.equals(after.liveApplied()) ? what + " applied and saved" : what + " saved; the guest is not running";
        }
        return persistent ? what + " saved" : what + " applied to the running guest";
    }

    private void conflict(ConfigConflictException e) {
        LimitsConflictDialog.open(guest, e, this::reload); // the user asked for the current values: their stale edits go
    }
}
