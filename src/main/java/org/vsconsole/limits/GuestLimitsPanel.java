package org.vsconsole.limits;

import org.vsconsole.host.ContextFigures;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.LiveUpdates;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.ConfigConflictException;

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
    private final Map<String, TextField[]> fields = new LinkedHashMap<>();
    private GuestLimits current;
    private java.time.Instant renderedAt = java.time.Instant.EPOCH;
    /** Run state and config digest of the last tick, to notice a start, a stop or a changed file. */
    private Boolean tickRunning;
    private String tickDigest;
    /** The cells that follow the kernel live, by limit: current, max, live soft/hard, hits. */
    private final Map<String, Span[]> liveCells = new LinkedHashMap<>();

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
        if (hasUnsavedEdits()) {
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
            fields.clear();
            add(LimitsPanelParts.notice("error", "The limits of " + guest + " cannot be shown: " + e.getMessage()));
            return;
        }
        render(read);
    }

    private boolean hasUnsavedEdits() {
        if (current == null) {
            return false;
        }
        for (LimitRow row : current.rows()) {
            TextField[] f = fields.get(row.name());
            if (f != null && (!f[0].getValue().trim().equals(LimitUnits.text(row.savedSoft()))
                    || !f[1].getValue().trim().equals(LimitUnits.text(row.savedHard())))) {
                return true;
            }
        }
        return false;
    }

    private void noteEditsKept() {
        if (getChildren().anyMatch(c -> c.getId().filter("limits-edits-kept"::equals).isPresent())) {
            return;
        }
        Div note = LimitsPanelParts.notice("warning", guest + " changed while you were editing. Your values are kept; \"Apply\" or"
                + " \"Save\" checks them against what changed.");
        note.setId("limits-edits-kept");
        addComponentAsFirst(note);
    }

    /** Shows {@code limits}, e.g. the fresh state a change returned (the sampler may not have caught up). */
    private void render(GuestLimits limits) {
        renderedAt = java.time.Instant.now();
        removeAll();
        fields.clear();
        liveCells.clear();
        current = limits;
        add(LimitsPanelParts.notice(current.running() ? "" : "warning", current.running()
                ? "Live values are what the kernel enforces now; saved values apply at each start."
                : guest + " is not running: only saved values are shown. \"Save\" writes them for the next start."));

        Div primary = grid("limits-grid");
        Div more = grid("limits-grid-more");
        for (LimitRow row : current.rows()) {
            addRow(row.primary() ? primary : more, row);
        }
        add(primary);
        Details moreDetails = new Details("More limits (util-vserver names; most are enforced only by a Linux-VServer kernel)", more);
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

    private static Div grid(String id) {
        Div grid = new Div();
        grid.setId(id);
        grid.addClassName("limits-grid");
        for (String h : List.of("Limit", "Current", "Max", "Saved soft / hard", "Live soft / hard", "Hits", "Live vs saved", "Soft", "Hard")) {
            Span s = new Span(h);
            s.addClassName("limits-head");
            grid.add(s);
        }
        return grid;
    }

    private void addRow(Div grid, LimitRow row) {
        String n = row.name();
        long page = current.pageSize();
        Div name = new Div(new Span(n), new Span(" – " + row.description() + " (" + row.unit() + ")"));
        name.addClassName("limits-name");
        Span cur = new Span(LimitUnits.amount(n, row.current(), page));
        cur.setId("limit-" + n + "-current");
        Span max = new Span(LimitUnits.amount(n, row.max(), page));
        Span saved = new Span(LimitUnits.display(n, row.savedSoft(), page) + " / " + LimitUnits.display(n, row.savedHard(), page)
                + (row.saved() ? "" : " (no file)"));
        saved.setId("limit-" + n + "-saved");
        Span live = new Span(row.liveSoft() == null ? "–"
                : LimitUnits.display(n, row.liveSoft(), page) + " / " + LimitUnits.display(n, row.liveHard(), page));
        live.setId("limit-" + n + "-live");
        Span hits = new Span();
        hits.setId("limit-" + n + "-hits");
        if (row.hits() != null && row.hits() > 0) {
            hits.add(VaadinIcon.WARNING.create(), new Span(" " + row.hits() + " refused"));
            hits.addClassName("limits-hit");
        } else {
            hits.setText(row.hits() == null ? "–" : "0");
        }
        Span differs = new Span();
        differs.setId("limit-" + n + "-differs");
        if (row.differs()) {
            differs.add(VaadinIcon.EXCHANGE.create(), new Span(" live differs from saved"));
            differs.addClassName("limits-differs");
        }
        TextField soft = field(n, "soft", row.savedSoft());
        TextField hard = field(n, "hard", row.savedHard());
        fields.put(n, new TextField[] {soft, hard});
        liveCells.put(n, new Span[] {cur, max, live, hits});
        grid.add(name, cur, max, saved, live, hits, differs, soft, hard);
    }

    /**
     * Updates what the kernel reports without touching the fields the user may be editing. A tick
     * sampled before the panel was last drawn (e.g. from the state a change just returned) is
     * older than what is shown and is skipped, so an applied value does not flick back.
     */
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

    private void showLive(LimitService.LiveFigures tick) {
        ContextFigures figures = tick.figures();
        if (startedOrStoppedOrEdited(tick)) {
            refresh();
            return;
        }
        if (figures == null || current == null || tick.takenAt().isBefore(renderedAt)) {
            return;
        }
        long page = current.pageSize();
        figures.limits().forEach((n, f) -> {
            Span[] cells = liveCells.get(n);
            if (cells == null) {
                return;
            }
            cells[0].setText(LimitUnits.amount(n, f.current(), page));
            cells[1].setText(LimitUnits.amount(n, f.max(), page));
            cells[2].setText(LimitUnits.display(n, f.soft(), page) + " / " + LimitUnits.display(n, f.hard(), page));
            cells[3].removeAll();
            if (f.hits() > 0) {
                cells[3].add(VaadinIcon.WARNING.create(), new Span(" " + f.hits() + " refused"));
                cells[3].addClassName("limits-hit");
            } else {
                cells[3].setText("0");
            }
        });
    }

    private TextField field(String name, String part, long value) {
        TextField f = new TextField();
        f.setId("limit-" + name + "-" + part);
        f.setValue(LimitUnits.text(value));
        f.setAriaLabel(name + " " + part);
        f.setWidthFull();
        f.setReadOnly(!mayChange);
        return f;
    }

    /**
     * Sends the rows the user edited. With no edit, "Apply now" / "Apply and save" bring the live
     * values of the rows marked "differs" back to the saved ones.
     */
    private void submit(boolean live, boolean persistent) {
        fields.values().forEach(f -> {
            f[0].setInvalid(false);
            f[1].setInvalid(false);
        });
        Map<String, LimitEdit> edits = new LinkedHashMap<>();
        for (LimitRow row : current.rows()) {
            TextField[] f = fields.get(row.name());
            String soft = f[0].getValue().trim();
            String hard = f[1].getValue().trim();
            if (!soft.equals(LimitUnits.text(row.savedSoft())) || !hard.equals(LimitUnits.text(row.savedHard()))) {
                edits.put(row.name(), new LimitEdit(soft, hard));
            }
        }
        if (edits.isEmpty() && live) {
            for (LimitRow row : current.rows()) {
                if (row.differs()) {
                    edits.put(row.name(), new LimitEdit(LimitUnits.text(row.savedSoft()), LimitUnits.text(row.savedHard())));
                }
            }
        }
        if (edits.isEmpty()) {
            LimitsPanelParts.show("Nothing to change: the fields hold the current values.", NotificationVariant.LUMO_CONTRAST);
            return;
        }
        try {
            GuestLimits after = service.apply(guest, edits, live, persistent, current.digest());
            render(after);
            LimitsPanelParts.show(message(after, live, persistent, edits.size()), NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException e) {
            markInvalid(e);
            LimitsPanelParts.show(e.getMessage(), NotificationVariant.LUMO_ERROR);
        } catch (ConfigConflictException e) {
            conflict(e);
        } catch (HostOperationException | AccessDeniedException e) {
            LimitsPanelParts.show(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private static String message(GuestLimits after, boolean live, boolean persistent, int count) {
        String what = count + (count == 1 ? " limit" : " limits");
        if (persistent && live) {
            return Boolean.TRUE.equals(after.liveApplied()) ? what + " applied and saved" : what + " saved; the guest is not running";
        }
        return persistent ? what + " saved" : what + " applied to the running guest";
    }

    private void markInvalid(InvalidInputException e) {
        for (Map.Entry<String, TextField[]> entry : fields.entrySet()) {
            if (e.field().equals(entry.getKey() + " soft")) {
                entry.getValue()[0].setInvalid(true);
                entry.getValue()[0].setErrorMessage(e.rule());
            } else if (e.field().equals(entry.getKey() + " hard") || e.field().equals(entry.getKey())) {
                entry.getValue()[1].setInvalid(true);
                entry.getValue()[1].setErrorMessage(e.rule());
            }
        }
    }

    private void conflict(ConfigConflictException e) {
        LimitsConflictDialog.open(guest, e, this::reload); // the user asked for the current values: their stale edits go
    }
}
