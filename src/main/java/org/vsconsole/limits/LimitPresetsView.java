package org.vsconsole.limits;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.MainLayout;
import org.jspecify.annotations.Nullable;

/**
 * Limit presets: ADMIN lists, creates, edits and deletes them and applies one to several guests,
 * seeing a result per guest. Values are written one per line as {@code name soft hard}, in each
 * limit's unit (pages for memory limits), {@code inf} for unlimited.
 */
@Route(value = "limits/presets", layout = MainLayout.class)
@PageTitle("Limit presets · VServer Console")
@Menu(order = 50, title = "Limit presets", icon = "vaadin:sliders")
@RolesAllowed("ADMIN")
public class LimitPresetsView extends VerticalLayout {

    private final LimitPresetService presets;
    private final Grid<LimitPreset> grid = new Grid<>(LimitPreset.class, false);

    public LimitPresetsView(LimitPresetService presets) {
        this.presets = presets;
        setSizeFull();
        grid.setId("presets-grid");
        grid.setAriaLabel("Limit presets");
        grid.addColumn(LimitPreset::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(LimitPreset::description).setHeader("Description").setFlexGrow(1);
        grid.addColumn(p -> lines(p).replace("\n", "; ")).setHeader("Limits (soft/hard)").setFlexGrow(2);
        grid.addComponentColumn(p -> {
            Button edit = new Button("Edit", e -> edit(p));
            Button apply = new Button("Apply to guests…", e -> apply(p));
            Button delete = new Button("Delete", e -> confirmDelete(p));
            delete.setId("preset-delete-" + p.name());
            apply.setId("preset-apply-to-" + p.name());
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            edit.setAriaLabel("Edit preset " + p.name());
            apply.setAriaLabel("Apply to guests… (preset " + p.name() + ")");
            delete.setAriaLabel("Delete preset " + p.name());
            return new HorizontalLayout(edit, apply, delete);
        }).setHeader("Actions").setKey("actions").setAutoWidth(true);
        Button create = new Button("New preset", VaadinIcon.PLUS.create(), e -> edit(null));
        create.setId("preset-new");
        add(new H2("Limit presets"), new Paragraph("Named limit sets to apply to guests or use when creating one."
                + " Memory limits are in pages of the host (4 KiB on x86)."), create, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(presets.list());
    }

    static String lines(LimitPreset p) {
        return p.limits().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue().soft() + " " + e.getValue().hard())
                .collect(Collectors.joining("\n"));
    }

    private void edit(@Nullable LimitPreset existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New preset" : "Edit " + existing.name());
        TextField name = new TextField("Name");
        name.setId("preset-name");
        TextField description = new TextField("Description");
        description.setId("preset-description");
        TextArea values = new TextArea("Limits: one per line, 'name soft hard'");
        values.setId("preset-values");
        values.setWidth("30em");
        if (existing != null) {
            name.setValue(existing.name());
            name.setReadOnly(true);
            description.setValue(existing.description());
            values.setValue(lines(existing));
        }
        Button save = new Button("Save", e -> {
            try {
                presets.save(name.getValue(), description.getValue(), parse(values.getValue()));
                dialog.close();
                refresh();
            } catch (InvalidInputException ex) {
                values.setInvalid(true);
                values.setErrorMessage(ex.getMessage());
            }
        });
        save.setId("preset-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(name, description, values));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    static Map<String, LimitEdit> parse(String text) {
        Map<String, LimitEdit> out = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            List<String> parts = Arrays.asList(t.split("[ \t]+"));
            if (parts.size() != 3) {
                throw new InvalidInputException("line " + n, "write 'name soft hard', e.g. 'nproc 100 150'");
            }
            out.put(parts.get(0), new LimitEdit(parts.get(1), parts.get(2)));
        }
        return out;
    }

    private void apply(LimitPreset preset) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Apply " + preset.name());
        TextField guests = new TextField("Guests (separated by spaces or commas)");
        guests.setHelperText("A guest on another host as host/name");
        guests.setId("preset-guests");
        guests.setWidth("30em");
        Grid<PresetResult> results = new Grid<>(PresetResult.class, false);
        results.setId("preset-results");
        results.setAriaLabel("Result per guest");
        results.addColumn(PresetResult::guest).setHeader("Guest");
        results.addColumn(r -> r.ok() ? "ok" : "not applied").setHeader("Result");
        results.addColumn(PresetResult::message).setHeader("Details").setFlexGrow(2);
        results.setAllRowsVisible(true);
        Button go = new Button("Save and apply", e -> {
            try {
                List<String> names = Arrays.stream(guests.getValue().split("[ ,]+")).filter(s -> !s.isBlank()).toList();
                results.setItems(presets.apply(preset.name(), names));
            } catch (InvalidInputException ex) {
                guests.setInvalid(true);
                guests.setErrorMessage(ex.getMessage());
            }
        });
        go.setId("preset-apply");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(new Paragraph("The limits are saved in each guest's rlimits and applied now to"
                + " the guests that run."), guests, results));
        dialog.getFooter().add(new Button("Close", e -> dialog.close()), go);
        dialog.setWidth("48em");
        dialog.open();
    }

    private void confirmDelete(LimitPreset preset) {
        Feedback.confirmDestructive("Delete preset " + preset.name() + "?",
                "Guests that got its limits keep them; the preset can no longer be applied or chosen when creating a guest.",
                "Delete", () -> delete(preset)).setId("preset-delete-confirm");
    }

    private void delete(LimitPreset preset) {
        try {
            presets.delete(preset.name());
            refresh();
            Feedback.success("Deleted " + preset.name());
        } catch (InvalidInputException ex) {
            Feedback.error(ex.getMessage());
        }
    }
}
