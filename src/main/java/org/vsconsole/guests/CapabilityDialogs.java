package org.vsconsole.guests;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.ConfigConflictException;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.VserverNames;
import org.jspecify.annotations.Nullable;

/**
 * The capabilities and personality editors of the Configuration tab: ticks over the documented
 * names (never free text), the current state ticked, util-vserver's defaults marked, and under
 * each set when it takes effect on this host's driver. As in {@link GuestSettingsDialogs}, a
 * refusal stays in the dialog next to its set and a stale edit names the files that changed.
 */
final class CapabilityDialogs {

    private static final String NONE = "none (the host's own)";

    private final GuestSettingsService settings;
    private final Consumer<@Nullable GuestConfig> saved;

    CapabilityDialogs(GuestSettingsService settings, Consumer<@Nullable GuestConfig> saved) {
        this.settings = settings;
        this.saved = saved;
    }

    void capabilities(GuestConfig config) {
        GuestCapabilities now = settings.capabilities(config.name());
        boolean linux = CapabilityEffects.LINUX.equals(now.driver());
        CheckboxGroup<String> system = group("System capabilities (bcapabilities)", "edit-bcaps", now.knownSystem(),
                now.systemDefault(), now.system());
        if (linux) {
            // a capability that reaches past the guest cannot be ticked here; one set by hand can be unticked
            system.setItemEnabledProvider(n -> !VserverNames.BEYOND_THE_GUEST.contains(n) || now.system() != null
                    && now.system().contains(n));
            system.setHelperText("Not on this host: " + String.join(", ", VserverNames.BEYOND_THE_GUEST.stream().sorted()
                    .toList()) + ".");
        }
        CheckboxGroup<String> context = group("Context capabilities (ccapabilities)", "edit-ccaps", now.knownContext(),
                now.contextDefault(), now.context());
        List<Component> parts = new ArrayList<>();
        parts.add(new Paragraph("Ticked: the guest has it. \"(default)\" marks util-vserver's default set; the files"
                + " hold only what differs from it."));
        if (now.problem() != null) {
            parts.add(Feedback.banner("warning", "Cannot be edited here until the file is fixed by hand: " + now.problem()));
        }
        parts.add(system);
        parts.add(effect("capabilities-system-effect", "System capabilities take effect " + now.systemEffect() + "."));
        parts.add(context);
        parts.add(effect("capabilities-context-effect", "Context capabilities take effect " + now.contextEffect() + "."));
        open("Capabilities of " + config.name(), "edit-capabilities-dialog", parts, now.problem() == null,
                Map.of("bcapabilities", system, "ccapabilities", context, "capabilities", system),
                () -> settings.setCapabilities(config.name(), system.getValue(), context.getValue(), config.digest()));
    }

    void personality(GuestConfig config) {
        GuestPersonality now = settings.personality(config.name());
        Select<String> type = new Select<>();
        type.setId("edit-personality-type");
        type.setLabel("Personality type");
        List<String> types = new ArrayList<>();
        types.add(NONE);
        types.addAll(now.knownTypes());
        type.setItems(types);
        type.setWidthFull();
        type.setValue(now.type() != null && now.knownTypes().contains(now.type()) ? now.type() : NONE);
        CheckboxGroup<String> flags = group("Personality flags", "edit-personality-flags", now.knownFlags(), List.of(),
                now.flags().stream().map(f -> f.toUpperCase(java.util.Locale.ROOT)).toList());
        List<Component> parts = new ArrayList<>();
        parts.add(new Paragraph("The type is the personality file's first line (LINUX32: a 32-bit machine), the flags"
                + " follow it."));
        boolean known = now.type() == null || now.knownTypes().contains(now.type());
        if (!known) {
            parts.add(Feedback.banner("warning", "The file names the type '" + now.type() + "', which this editor does"
                    + " not know; saving replaces it."));
        }
        parts.add(type);
        parts.add(flags);
        parts.add(effect("personality-effect", "Takes effect " + now.effect() + "."));
        open("Personality of " + config.name(), "edit-personality-dialog", parts, true,
                Map.of("personality", type, "personality flags", flags),
                () -> settings.setPersonality(config.name(), NONE.equals(type.getValue()) ? null : type.getValue(),
                        new ArrayList<>(flags.getValue()), config.digest()));
    }

    private static CheckboxGroup<String> group(String label, String id, List<String> names, List<String> defaults,
            @Nullable List<String> current) {
        CheckboxGroup<String> group = new CheckboxGroup<>(label);
        group.setId(id);
        group.addClassName("name-grid");
        group.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        group.setItems(names);
        group.setItemLabelGenerator(n -> defaults.contains(n) ? n + " (default)" : n);
        Set<String> ticked = new LinkedHashSet<>(current == null ? List.of() : current);
        ticked.retainAll(names);
        group.setValue(ticked);
        group.setReadOnly(current == null);
        group.setWidthFull();
        return group;
    }

    private static Div effect(String id, String text) {
        Div div = new Div(text);
        div.setId(id);
        div.addClassName("effect-note");
        return div;
    }

    private void open(String title, String id, List<Component> parts, boolean editable,
            Map<String, Component> byField, Supplier<GuestSettingsService.Saved> save) {
        Dialog dialog = new Dialog();
        dialog.setId(id);
        dialog.setHeaderTitle(title);
        dialog.setWidth("52rem");
        dialog.add(parts.toArray(Component[]::new));
        Button ok = new Button("Save", e -> save(save, dialog, byField));
        ok.setId("edit-save");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.setEnabled(editable);
        Button cancel = new Button("Cancel", e -> dialog.close());
        dialog.getFooter().add(cancel, ok);
        dialog.open();
    }

    private void save(Supplier<GuestSettingsService.Saved> save, Dialog dialog, Map<String, Component> byField) {
        byField.values().forEach(f -> invalid(f, null));
        try {
            GuestSettingsService.Saved result = save.get();
            dialog.close();
            saved.accept(result.config());
            Feedback.success("Saved; takes effect " + result.takesEffect());
        } catch (ConfigConflictException e) {
            dialog.close();
            Feedback.error("Not saved: the configuration changed meanwhile ("
                    + (e.changedPaths().isEmpty() ? "files unknown" : String.join(", ", e.changedPaths()))
                    + "). The page now shows it; make the change again.");
            saved.accept(null);
        } catch (InvalidInputException e) {
            Component field = byField.get(e.field());
            if (field == null) {
                Feedback.error(e.getMessage());
            } else {
                invalid(field, e.rule());
            }
        } catch (RuntimeException e) {
            Feedback.error(e.getMessage());
        }
    }

    private static void invalid(Component field, @Nullable String rule) {
        if (field instanceof CheckboxGroup<?> g) {
            g.setErrorMessage(rule);
            g.setInvalid(rule != null);
        } else if (field instanceof Select<?> s) {
            s.setErrorMessage(rule);
            s.setInvalid(rule != null);
        }
    }
}
