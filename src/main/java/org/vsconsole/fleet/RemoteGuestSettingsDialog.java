package org.vsconsole.fleet;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.host.agent.HostGuestSettings;
import org.vsconsole.host.config.ConfigConflictException;
import org.vsconsole.host.config.InterfaceEntry;

/**
 * The host page's Settings dialog for a managed host's guest: its host name, domain and the
 * address of each entry, as that host's agent read them. Only what changed is saved, one audited
 * change after another, each naming the settings it was made on; a refusal shows at its field.
 */
final class RemoteGuestSettingsDialog {

    private final FleetGuests fleet;
    private final String host;
    private final String guest;
    private final Runnable changed;
    private final Dialog dialog = new Dialog();
    private final TextField hostname = field("Host name", "remote-settings-hostname");
    private final TextField domain = field("Domain", "remote-settings-domain");
    private final Map<String, TextField[]> addresses = new LinkedHashMap<>();
    private final TextField newIp = field("New address", "remote-settings-new-ip");
    private final TextField newPrefix = field("Prefix length", "remote-settings-new-prefix");
    private final TextField newDev = field("Host device (util-vserver)", "remote-settings-new-dev");
    private HostGuestSettings shown;

    private RemoteGuestSettingsDialog(FleetGuests fleet, String host, HostGuest guest, Runnable changed, HostGuestSettings settings) {
        this.fleet = fleet;
        this.host = host;
        this.guest = guest.name();
        this.changed = changed;
        this.shown = settings;
    }

    static void open(FleetGuests fleet, String host, HostGuest guest, Runnable changed) {
        HostGuestSettings settings;
        try {
            settings = fleet.settings(host, guest.name());
        } catch (InvalidInputException | HostOperationException e) {
            Feedback.error(e.getMessage());
            return;
        }
        new RemoteGuestSettingsDialog(fleet, host, guest, changed, settings).show();
    }

    private void show() {
        dialog.setHeaderTitle("Settings of " + guest + " on " + host);
        dialog.setId("remote-settings-dialog");
        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        hostname.setValue(Objects.requireNonNullElse(shown.nodename(), ""));
        domain.setValue(Objects.requireNonNullElse(shown.domainname(), ""));
        form.add(hostname, domain);
        for (InterfaceEntry entry : shown.interfaces()) {
            TextField ip = field("Address " + entry.id() + (entry.dev() == null ? "" : " (" + entry.dev() + ")"),
                    "remote-settings-ip-" + entry.id());
            ip.setValue(Objects.requireNonNullElse(entry.ip(), ""));
            TextField prefix = field("Prefix length", "remote-settings-prefix-" + entry.id());
            prefix.setValue(entry.prefix() == null ? "" : entry.prefix().toString());
            addresses.put(entry.id(), new TextField[]{ip, prefix});
            form.add(ip, prefix);
        }
        newIp.setHelperText("Empty: no further address");
        newPrefix.setValue("24");
        form.add(newIp, newPrefix, newDev);
        dialog.add(new Span("Read from " + host + " just now; saved there and used from the guest's next start. Context "
                + (shown.context() == null ? "none" : shown.context()) + "."), form);
        Button save = new Button("Save", e -> save());
        save.setId("remote-settings-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> dialog.close());
        dialog.getFooter().add(cancel, save);
        dialog.open();
    }

    private void save() {
        Map<String, HasValidation> byField = new LinkedHashMap<>();
        byField.put("hostname", hostname);
        byField.put("domain", domain);
        FieldErrors.clear(byField);
        addresses.values().forEach(f -> FieldErrors.clear(Map.of("ip", f[0], "prefix", f[1])));
        FieldErrors.clear(Map.of("ip", newIp, "prefix", newPrefix, "dev", newDev));
        try {
            if (!hostname.getValue().strip().equals(Objects.requireNonNullElse(shown.nodename(), ""))
                    || !domain.getValue().strip().equals(Objects.requireNonNullElse(shown.domainname(), ""))) {
                shown = fleet.setHostName(host, guest, hostname.getValue(), domain.getValue(), shown.digest());
            }
            for (var address : addresses.entrySet()) {
                InterfaceEntry entry = shown.interfaceById(address.getKey());
                TextField[] f = address.getValue();
                byField = Map.of("ip", f[0], "address", f[0], "prefix", f[1]);
                if (entry == null || !f[0].getValue().strip().equals(Objects.requireNonNullElse(entry.ip(), ""))
                        || !f[1].getValue().strip().equals(entry.prefix() == null ? "" : entry.prefix().toString())) {
                    shown = fleet.setAddress(host, guest, address.getKey(), f[0].getValue(), f[1].getValue(), shown.digest());
                }
            }
            if (!newIp.getValue().isBlank()) {
                byField = Map.of("ip", newIp, "address", newIp, "prefix", newPrefix, "dev", newDev);
                shown = fleet.addAddress(host, guest, newIp.getValue(), newPrefix.getValue(), newDev.getValue(), shown.digest());
            }
            dialog.close();
            Feedback.success("Settings of " + guest + " saved on " + host + "; they take effect at its next start");
            changed.run();
        } catch (InvalidInputException ex) {
            FieldErrors.show(byField, ex);
        } catch (ConfigConflictException ex) {
            dialog.close();
            Feedback.error("Not saved: " + guest + " changed on " + host + " meanwhile (" + String.join(", ", ex.changedPaths())
                    + "). Open the settings again and make the change again.");
        } catch (HostOperationException ex) {
            Feedback.error(ex.getMessage());
        }
    }

    private static TextField field(String label, String id) {
        TextField f = new TextField(label);
        f.setId(id);
        f.setWidthFull();
        return f;
    }
}
