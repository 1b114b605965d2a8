package org.vsconsole.fleet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.HasValidation;
import java.util.Map;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;

/**
 * Adding a host in two steps, as OpenSSH's first connection does but without "yes" by habit: the
 * console fetches the key the host shows, the admin compares its fingerprint on the host and says
 * so, and only then is the host saved with that key pinned. The line to install for the console's
 * key is shown beside it.
 */
final class AddHostDialog extends Dialog {

    private final TextField name = new TextField("Name");
    private final TextField address = new TextField("Address");
    private final IntegerField port = new IntegerField("SSH port");
    private final TextField user = new TextField("Log in as");
    private final TextField fingerprint = new TextField("Host key fingerprint");
    private final Checkbox compared = new Checkbox("I compared it with the host's own: this is its key");
    private final Button add = new Button("Add host");

    AddHostDialog(HostRegistry registry, FleetGuests fleet, Runnable added) {
        setHeaderTitle("Add a host");
        setWidth("44rem");
        name.setId("host-name");
        name.setHelperText("How the console names it: lower-case letters, digits and '-'");
        address.setId("host-address");
        address.setHelperText("DNS name or IP address of its SSH server");
        port.setId("host-port");
        port.setValue(22);
        port.setMin(1);
        port.setMax(65535);
        user.setId("host-user");
        user.setValue("root");
        fingerprint.setId("host-fingerprint");
        fingerprint.setReadOnly(true);
        fingerprint.setWidthFull();
        fingerprint.setHelperText("Compare on the host: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub");
        compared.setId("host-fingerprint-compared");
        compared.setEnabled(false);
        TextArea key = new TextArea("Install the console's key first, in the login's ~/.ssh/authorized_keys on the host");
        key.setId("host-console-key");
        key.setValue(fleet.authorizedKeysLine());
        key.setReadOnly(true);
        key.setWidthFull();
        key.setHelperText("The key may only start the agent there (forced command); adjust the path to the console's jar.");
        Map<String, HasValidation> byField = Map.of("name", name, "address", address, "port", port, "user", user,
                "fingerprint", fingerprint);

        Button fetch = new Button("Fetch host key", e -> {
            FieldErrors.clear(byField);
            try {
                fingerprint.setValue(registry.probe(address.getValue(), port.getValue()));
                compared.setValue(false);
                compared.setEnabled(true);
            } catch (InvalidInputException ex) {
                FieldErrors.show(byField, ex);
            }
        });
        fetch.setId("host-fetch-key");
        compared.addValueChangeListener(e -> add.setEnabled(e.getValue()));
        address.addValueChangeListener(e -> forgetKey());
        port.addValueChangeListener(e -> forgetKey());

        add.setId("host-add-confirm");
        add.setEnabled(false);
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(e -> {
            FieldErrors.clear(byField);
            try {
                ManagedHost host = registry.add(name.getValue(), address.getValue(), port.getValue(), user.getValue(),
                        fingerprint.getValue());
                close();
                Feedback.success("Host " + host.name() + " added; its state shows within a few seconds");
                added.run();
            } catch (InvalidInputException ex) {
                FieldErrors.show(byField, ex);
            }
        });

        FormLayout form = new FormLayout(name, address, port, user);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        VerticalLayout body = new VerticalLayout(form, key, fetch, fingerprint, compared,
                new Paragraph(new Span("A host whose key later differs is refused until it is removed and added again.")));
        body.setPadding(false);
        add(body);
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, add);
    }

    private void forgetKey() {
        fingerprint.clear();
        compared.setValue(false);
        compared.setEnabled(false);
    }
}
