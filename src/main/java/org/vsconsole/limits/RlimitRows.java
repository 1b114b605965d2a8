package org.vsconsole.limits;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.ContextFigures;

/**
 * The rows of the Limits tab for one read of a guest: per limit its use, saved and live values,
 * hits, and the soft/hard fields. It owns the fields, so it alone knows what the user changed;
 * the live cells follow the kernel without touching a field the user may be typing in.
 */
final class RlimitRows {

    private static final List<String> HEADINGS = List.of("Limit", "Current", "Max", "Saved soft / hard",
            "Live soft / hard", "Hits", "Live vs saved", "Soft", "Hard");

    private final GuestLimits limits;
    private final boolean mayChange;
    private final Map<String, TextField[]> fields = new LinkedHashMap<>();
    /** The cells that follow the kernel live, by limit: current, max, live soft/hard, hits. */
    private final Map<String, Span[]> liveCells = new LinkedHashMap<>();
    private final Div primary = grid("limits-grid");
    private final Div more = grid("limits-grid-more");

    RlimitRows(GuestLimits limits, boolean mayChange) {
        this.limits = limits;
        this.mayChange = mayChange;
        for (LimitRow row : limits.rows()) {
            addRow(row.primary() ? primary : more, row);
        }
    }

    /** The common limits. */
    Div primary() {
        return primary;
    }

    /** The util-vserver limits most kernels do not enforce. */
    Div more() {
        return more;
    }

    /** Whether a field holds a value other than the saved one. */
    boolean edited() {
        return limits.rows().stream().anyMatch(this::edited);
    }

    private TextField[] fieldsOf(LimitRow row) {
        return java.util.Objects.requireNonNull(fields.get(row.name()), "every row has its fields");
    }

    private boolean edited(LimitRow row) {
        TextField[] f = fieldsOf(row);
        return !f[0].getValue().trim().equals(LimitUnits.text(row.savedSoft()))
                || !f[1].getValue().trim().equals(LimitUnits.text(row.savedHard()));
    }

    /**
     * The rows the user edited. With no edit and {@code live}, the rows whose live values differ
     * from the saved ones, set back to the saved values: "Apply now" with nothing typed means that.
     */
    Map<String, LimitEdit> edits(boolean live) {
        Map<String, LimitEdit> edits = new LinkedHashMap<>();
        for (LimitRow row : limits.rows()) {
            if (edited(row)) {
                TextField[] f = fieldsOf(row);
                edits.put(row.name(), new LimitEdit(f[0].getValue().trim(), f[1].getValue().trim()));
            }
        }
        if (edits.isEmpty() && live) {
            for (LimitRow row : limits.rows()) {
                if (row.differs()) {
                    edits.put(row.name(), new LimitEdit(LimitUnits.text(row.savedSoft()), LimitUnits.text(row.savedHard())));
                }
            }
        }
        return edits;
    }

    void clearInvalid() {
        fields.values().forEach(f -> {
            f[0].setInvalid(false);
            f[1].setInvalid(false);
        });
    }

    /** Puts a refusal next to the field it names ({@code nproc soft}, {@code nproc hard} or {@code nproc}). */
    void markInvalid(InvalidInputException e) {
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

    /** Shows what the kernel reports now in the live cells. */
    void showLive(ContextFigures figures) {
        long page = limits.pageSize();
        figures.limits().forEach((n, f) -> {
            Span[] cells = liveCells.get(n);
            if (cells == null) {
                return;
            }
            cells[0].setText(LimitUnits.amount(n, f.current(), page));
            cells[1].setText(LimitUnits.amount(n, f.max(), page));
            cells[2].setText(LimitUnits.display(n, f.soft(), page) + " / " + LimitUnits.display(n, f.hard(), page));
            showHits(cells[3], f.hits());
        });
    }

    private static Div grid(String id) {
        Div grid = new Div();
        grid.setId(id);
        grid.addClassName("limits-grid");
        for (String h : HEADINGS) {
            Span s = new Span(h);
            s.addClassName("limits-head");
            grid.add(s);
        }
        return grid;
    }

    private void addRow(Div grid, LimitRow row) {
        String n = row.name();
        long page = limits.pageSize();
        Div name = new Div(new Span(n), new Span(" – " + row.description() + " (" + row.unit() + ")"));
        name.addClassName("limits-name");
        Span cur = new Span(LimitUnits.amount(n, row.current(), page));
        cur.setId("limit-" + n + "-current");
        Span max = new Span(LimitUnits.amount(n, row.max(), page));
        Span saved = new Span(LimitUnits.display(n, row.savedSoft(), page) + " / " + LimitUnits.display(n, row.savedHard(), page)
                + (row.saved() ? "" : " (no file)"));
        saved.setId("limit-" + n + "-saved");
        Span live = new Span(row.liveSoft() == null
                ? "–"
                : LimitUnits.display(n, row.liveSoft(), page) + " / " + LimitUnits.display(n, row.liveHard(), page));
        live.setId("limit-" + n + "-live");
        Span hits = new Span();
        hits.setId("limit-" + n + "-hits");
        if (row.hits() == null) {
            hits.setText("–");
        } else {
            showHits(hits, row.hits());
        }
        Span differs = new Span();
        differs.setId("limit-" + n + "-differs");
        if (row.differs()) {
            differs.add(VaadinIcon.EXCHANGE.create(), new Span(" live differs from saved"));
            differs.addClassName("limits-differs");
        }
        TextField soft = field(n, "soft", row.savedSoft());
        TextField hard = field(n, "hard", row.savedHard());
        fields.put(n, new TextField[]{soft, hard});
        liveCells.put(n, new Span[]{cur, max, live, hits});
        // on a phone the headings row is hidden and each value says what it is (CSS, data-label)
        com.vaadin.flow.component.Component[] labelled = {cur, max, saved, live, hits, differs};
        for (int i = 0; i < labelled.length; i++) {
            if (labelled[i] != differs || row.differs()) {
                labelled[i].getElement().setAttribute("data-label", HEADINGS.get(i + 1));
            }
        }
        soft.setPrefixComponent(phoneLabel("Soft"));
        hard.setPrefixComponent(phoneLabel("Hard"));
        grid.add(name, cur, max, saved, live, hits, differs, soft, hard);
    }

    /** A field's name inside it, shown only where the headings row is not (a phone). */
    private static Span phoneLabel(String text) {
        Span label = new Span(text);
        label.addClassName("phone-label");
        label.getElement().setAttribute("aria-hidden", "true"); // the field's aria-label says it already
        return label;
    }

    private static void showHits(Span cell, long hits) {
        cell.removeAll();
        if (hits > 0) {
            cell.add(VaadinIcon.WARNING.create(), new Span(" " + hits + " refused"));
            cell.addClassName("limits-hit");
        } else {
            cell.setText("0");
        }
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
}
