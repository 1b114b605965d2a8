package org.vsconsole.guests;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.GuestConfig;

/**
 * Deleting a guest: refused while it runs (with a way to stop it first), otherwise only once the
 * guest's name is typed, since its files cannot come back.
 */
final class GuestDeleteDialog {

    private GuestDeleteDialog() {
    }

    /** Opens the dialog; {@code stop} stops the guest the way the page's Stop button does. */
    static void open(GuestService guests, GuestConfig config, boolean running, Runnable stop) {
        String name = config.name();
        Dialog dialog = new Dialog("Delete " + name);
        TextField typed = new TextField("Type the guest's name to confirm");
        typed.setId("delete-confirm-name");
        typed.setWidthFull();
        Span text = new Span("This removes the configuration in " + config.configDir() + " and the guest's root"
                + " directory with all its files. It cannot be undone.");
        VerticalLayout body = new VerticalLayout(text);
        body.setPadding(false);
        if (running) {
            Div notice = Feedback.banner("warning", name + " is running. Stop it first.");
            Button stopFirst = new Button("Stop it now", e -> {
                dialog.close();
                stop.run();
            });
            body.add(notice, stopFirst);
        } else {
            body.add(typed);
        }
        Button delete = new Button("Delete", e -> {
            try {
                guests.delete(name, typed.getValue());
                dialog.close();
                Feedback.success(name + " deleted");
                UI.getCurrent().navigate(GuestListView.class);
            } catch (InvalidInputException ex) {
                typed.setErrorMessage(ex.rule());
                typed.setInvalid(true);
            } catch (RuntimeException ex) {
                Feedback.error("Delete failed: " + ex.getMessage());
            }
        });
        delete.setId("delete-confirm");
        delete.setEnabled(!running);
        delete.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.add(body);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), delete);
        dialog.setWidth("36rem");
        dialog.open();
    }
}
