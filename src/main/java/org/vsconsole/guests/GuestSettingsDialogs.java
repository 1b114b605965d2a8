package org.vsconsole.guests;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.ConfigConflictException;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.InterfaceEntry;
import org.jspecify.annotations.Nullable;

/**
 * The editors of the Configuration and Network tabs, each a small dialog over the configuration
 * the page shows. A refusal goes next to its field and keeps the dialog open; a stale edit names
 * the files that changed and shows the current values; a save says when it takes effect.
 */
final class GuestSettingsDialogs {

    private final GuestSettingsService settings;
    private final Consumer<@Nullable GuestConfig> saved;

    /** {@code saved} draws the page again from the configuration as written (or as read after a conflict). */
    GuestSettingsDialogs(GuestSettingsService settings, Consumer<@Nullable GuestConfig> saved) {
        this.settings = settings;
        this.saved = saved;
    }

    void hostName(GuestConfig config) {
        TextField hostname = field("Host name", "edit-hostname", config.nodename());
        TextField domain = field("Domain (optional)", "edit-domain", config.domainname());
        open("Host name of " + config.name(), "edit-hostname-dialog", null,
                Map.of("nodename", hostname, "hostname", hostname, "domainname", domain),
                () -> settings.setHostName(config.name(), hostname.getValue(), domain.getValue(), config.digest()),
                hostname, domain);
    }

    void context(GuestConfig config) {
        TextField context = field("Context (XID)", "edit-context", config.context() == null ? "" : config.context().toString());
        open("Context of " + config.name(), "edit-context-dialog", "Only while the guest is stopped; no other guest may hold the id.",
                Map.of("context", context),
                () -> settings.setContext(config.name(), context.getValue(), config.digest()), context);
    }

    /**
     * Gives a guest without a static context (started on a dynamic one, or with an unusable
     * {@code context} file) one: the lowest free id is proposed and may be edited; the same checked
     * write as {@link #context}, refused while the guest runs.
     */
    void assignStaticContext(GuestConfig config) {
        String proposed;
        try {
            proposed = Integer.toString(settings.proposeStaticContext(config.name()));
        } catch (InvalidInputException e) {
            Feedback.error(e.getMessage());
            return;
        }
        TextField context = field("Static context (XID)", "assign-context", proposed);
        context.setHelperText("The lowest free id of 2..49151; any free one will do.");
        open("Assign a static context to " + config.name(), "assign-context-dialog",
                config.name() + " has no static context, so util-vserver gives it a dynamic one (49152+) at every start,"
                        + " which no limit, address or history can follow. Applies at the next start; refused while it runs.",
                Map.of("context", context),
                () -> settings.setContext(config.name(), context.getValue(), config.digest()), context);
    }

    /** Edits {@code entry}, or adds an address when it is null. */
    void address(GuestConfig config, @Nullable InterfaceEntry entry) {
        TextField ip = field("Address", "edit-ip", entry == null ? "" : entry.ip());
        TextField prefix = field("Prefix length", "edit-prefix", entry == null || entry.prefix() == null
                ? "24"
                : entry.prefix().toString());
        TextField dev = field("Host device (util-vserver)", "edit-dev", entry == null ? "" : entry.dev());
        Map<String, TextField> byField = Map.of("ip", ip, "address", ip, "prefix", prefix, "dev", dev);
        if (entry == null) {
            open("New address of " + config.name(), "edit-address-dialog", null, byField,
                    () -> settings.addInterface(config.name(), ip.getValue(), prefix.getValue(), dev.getValue(), config.digest()),
                    ip, prefix, dev);
        } else {
            open("Address " + entry.id() + " of " + config.name(), "edit-address-dialog", null, byField,
                    () -> settings.setInterface(config.name(), entry.id(), ip.getValue(), prefix.getValue(), dev.getValue(),
                            config.digest()),
                    ip, prefix, dev);
        }
    }

    /** The capabilities and personality editors (their own class: ticks, not text fields). */
    CapabilityDialogs capabilityDialogs() {
        return new CapabilityDialogs(settings, saved);
    }

    void removeAddress(GuestConfig config, InterfaceEntry entry) {
        Feedback.confirmDestructive("Remove address " + entry.ip() + " from " + config.name() + "?",
                "The guest no longer has it from its next start.", "Remove",
                () -> save(() -> settings.removeInterface(config.name(), entry.id(), config.digest()), null, Map.of()))
                .setId("remove-address-confirm");
    }

    private void open(String title, String id, @Nullable String hint, Map<String, TextField> byField,
            Supplier<GuestSettingsService.Saved> save, TextField... fields) {
        Dialog dialog = new Dialog();
        dialog.setId(id);
        dialog.setHeaderTitle(title);
        if (hint != null) {
            dialog.add(new Paragraph(hint));
        }
        FormLayout form = new FormLayout(fields);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        dialog.add(form);
        Button ok = new Button("Save", e -> save(save, dialog, byField));
        ok.setId("edit-save");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.addClickShortcut(Key.ENTER);
        Button cancel = new Button("Cancel", e -> dialog.close());
        dialog.getFooter().add(cancel, ok);
        dialog.open();
        fields[0].focus();
    }

    private void save(Supplier<GuestSettingsService.Saved> save, @Nullable Dialog dialog, Map<String, TextField> byField) {
        byField.values().forEach(f -> f.setInvalid(false));
        try {
            GuestSettingsService.Saved result = save.get();
            if (dialog != null) {
                dialog.close();
            }
            saved.accept(result.config());
            Feedback.success("Saved; takes effect " + result.takesEffect());
        } catch (ConfigConflictException e) {
            if (dialog != null) {
                dialog.close();
            }
            Feedback.error("Not saved: the configuration changed meanwhile ("
                    + (e.changedPaths().isEmpty() ? "files unknown" : String.join(", ", e.changedPaths()))
                    + "). The page now shows it; make the change again.");
            saved.accept(null);
        } catch (InvalidInputException e) {
            TextField field = byField.get(e.field());
            if (field == null) {
                Feedback.error(e.getMessage());
            } else {
                field.setErrorMessage(e.rule());
                field.setInvalid(true);
            }
        } catch (RuntimeException e) {
            Feedback.error(e.getMessage());
        }
    }

    private static TextField field(String label, String id, @Nullable String value) {
        TextField f = new TextField(label);
        f.setId(id);
        f.setValue(value == null ? "" : value);
        f.setWidthFull();
        return f;
    }
}
