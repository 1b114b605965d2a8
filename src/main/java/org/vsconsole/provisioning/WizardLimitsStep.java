package org.vsconsole.provisioning;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vsconsole.limits.LimitEdit;
import org.vsconsole.limits.LimitPreset;
import org.vsconsole.limits.LimitPresetService;

/**
 * The wizard's Limits step: four common limits, memory in MiB, optionally filled from a preset.
 * A value left as the preset put it keeps the preset's own soft and hard values.
 */
class WizardLimitsStep {

    /** MiB to 4 KiB pages, the unit the kernel uses for rss and as. */
    private static final long PAGES_PER_MIB = 256;

    final Map<String, TextField> limits = new LinkedHashMap<>();
    final Select<LimitPreset> preset = new Select<>();
    private final LimitPresetService presets;

    WizardLimitsStep(LimitPresetService presets) {
        this.presets = presets;
    }

    /** The step's fields: the preset, then one field per limit. */
    Component[] components() {
        limits.put("nproc", field("Processes (nproc)", "wizard-limit-nproc"));
        limits.put("rss", field("Resident memory (rss), MiB", "wizard-limit-rss"));
        limits.put("nofile", field("Open files (nofile)", "wizard-limit-nofile"));
        limits.put("as", field("Address space (as), MiB", "wizard-limit-as"));
        limits.values().forEach(f -> f.setPlaceholder("unlimited"));
        preset.setLabel("Start from a preset");
        preset.setId("wizard-preset");
        preset.setItems(presets.list());
        preset.setItemLabelGenerator(p -> p == null ? "" : p.name() + (p.description() == null ? "" : " – " + p.description()));
        preset.setEmptySelectionAllowed(true);
        preset.setEmptySelectionCaption("No preset");
        preset.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                fillFrom(e.getValue());
            }
        });
        List<Component> fields = new ArrayList<>();
        fields.add(preset);
        fields.addAll(limits.values());
        return fields.toArray(Component[]::new);
    }

    /** Puts a preset's hard values in the fields (memory in MiB), which the user may still edit. */
    private void fillFrom(LimitPreset chosen) {
        limits.forEach((name, field) -> {
            LimitEdit edit = chosen.limits().get(name);
            field.setValue(edit == null ? "" : shownFor(name, edit));
        });
    }

    /** What the limit step shows of a preset's value: its hard value, memory in MiB, empty if unlimited. */
    private static String shownFor(String name, LimitEdit edit) {
        String value = java.util.Objects.requireNonNullElse(edit.hard(), "").trim();
        if (value.equals("inf") || value.equals("unlimited")) {
            return "";
        }
        if ((name.equals("rss") || name.equals("as")) && value.matches("[0-9]{1,18}")) {
            return Long.toString(Long.parseLong(value) / PAGES_PER_MIB);
        }
        return value;
    }

    /** The limits asked for, by name; empty fields ask for nothing. */
    Map<String, CreateGuestRequest.Limit> request() {
        Map<String, CreateGuestRequest.Limit> requested = new LinkedHashMap<>();
        limits.forEach((limit, f) -> {
            String v = f.getValue().trim();
            LimitEdit fromPreset = preset.getValue() == null ? null : preset.getValue().limits().get(limit);
            if (fromPreset != null && v.equals(shownFor(limit, fromPreset))) {
                // Left as the preset put it: keep the preset's own soft and hard values.
                requested.put(limit, new CreateGuestRequest.Limit(fromPreset.soft(), fromPreset.hard()));
            } else if (!v.isEmpty()) {
                String value = limit.equals("rss") || limit.equals("as") ? mibToPages(v) : v;
                requested.put(limit, new CreateGuestRequest.Limit(value, value));
            }
        });
        return requested;
    }

    /** Plain MiB figures become pages; anything else goes to the server as typed, to be refused by name there. */
    /** The limits as typed, for the summary: "nproc 150, rss 512", or "none". */
    String describe() {
        return limits.entrySet().stream().filter(en -> !en.getValue().getValue().isBlank())
                .map(en -> en.getKey() + " " + en.getValue().getValue()).reduce((a, b) -> a + ", " + b).orElse("none");
    }

    private static String mibToPages(String mib) {
        if (mib.matches("[1-9][0-9]{0,9}")) {
            return Long.toString(Long.parseLong(mib) * PAGES_PER_MIB);
        }
        return mib;
    }

    private static TextField field(String label, String id) {
        return WizardForms.field(label, id);
    }
}
