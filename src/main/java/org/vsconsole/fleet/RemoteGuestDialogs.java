package org.vsconsole.fleet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.HasValidation;
import java.util.Map;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobProgressPanel;
import org.vsconsole.jobs.JobService;

/**
 * The host page's dialogs for a managed host's guests: create one (config at once, root as a job
 * whose progress shows in the dialog), set a limit, delete one after its name is typed again.
 */
final class RemoteGuestDialogs {

    /** The limits the console edits, as {@code vlimit} names them. */
    static final java.util.List<String> LIMITS = java.util.List.of("nproc", "nofile", "rss", "as", "memlock", "locks");

    private RemoteGuestDialogs() {
    }

    static void create(FleetGuests fleet, JobService jobs, String host, Runnable changed) {
        Dialog dialog = new Dialog("New guest on " + host);
        TextField name = new TextField("Name");
        name.setId("remote-guest-name");
        IntegerField context = new IntegerField("Context (XID)");
        context.setId("remote-guest-context");
        context.setHelperText("Unique on " + host + ", not across hosts");
        VerticalLayout body = new VerticalLayout(name, context,
                new Span("The root is a small skeleton (busybox); the build runs on " + host + "."));
        body.setPadding(false);
        dialog.add(body);
        Map<String, HasValidation> byField = Map.of("name", name, "guest", name, "guest name", name, "context", context);
        Button create = new Button("Create", e -> {
            FieldErrors.clear(byField);
            try {
                Job job = fleet.create(host, name.getValue(), context.getValue());
                changed.run();
                body.removeAll();
                body.add(new JobProgressPanel(jobs, job.id(), done -> changed.run()));
                e.getSource().setVisible(false);
            } catch (InvalidInputException ex) {
                FieldErrors.show(byField, ex);
            } catch (HostOperationException ex) {
                Feedback.error(ex.getMessage());
            }
        });
        create.setId("remote-guest-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button close = new Button("Close", e -> dialog.close());
        close.setId("remote-guest-close");
        dialog.getFooter().add(close, create);
        dialog.open();
    }

    static void limit(FleetGuests fleet, String host, HostGuest guest, Runnable changed) {
        Dialog dialog = new Dialog("Limit of " + guest.name() + " on " + host);
        Select<String> limit = new Select<>();
        limit.setLabel("Limit");
        limit.setId("remote-limit-name");
        limit.setItems(LIMITS);
        limit.setValue("nproc");
        TextField soft = new TextField("Soft");
        soft.setId("remote-limit-soft");
        TextField hard = new TextField("Hard");
        hard.setId("remote-limit-hard");
        soft.setHelperText("A whole number, or inf");
        Map<String, HasValidation> byField = Map.of("limit", limit, "soft", soft, "hard", hard);
        VerticalLayout body = new VerticalLayout(limit, soft, hard, new Span(guest.running()
                ? "Saved in its config and applied to the running guest now."
                : "Saved in its config; applied at its next start."));
        body.setPadding(false);
        dialog.add(body);
        Button save = new Button("Save", e -> {
            FieldErrors.clear(byField);
            try {
                long s = value("soft", soft.getValue());
                long h = value("hard", hard.getValue());
                boolean live = fleet.setLimit(host, guest.name(), limit.getValue(), s, h);
                dialog.close();
                Feedback.success(limit.getValue() + " of " + guest.name() + " saved" + (live ? " and applied live" : ""));
                changed.run();
            } catch (InvalidInputException ex) {
                FieldErrors.show(byField, ex);
            } catch (HostOperationException ex) {
                Feedback.error(ex.getMessage());
            }
        });
        save.setId("remote-limit-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    static void delete(FleetGuests fleet, String host, HostGuest guest, Runnable changed) {
        Dialog dialog = new Dialog("Delete " + guest.name() + " on " + host);
        TextField typed = new TextField("Type the guest's name to confirm");
        typed.setId("remote-delete-name");
        typed.setWidthFull();
        dialog.add(new VerticalLayout(new Span("This removes the guest's root with all its files and its configuration on "
                + host + ". It cannot be undone."), typed));
        Button delete = new Button("Delete", e -> {
            try {
                fleet.delete(host, guest.name(), typed.getValue());
                dialog.close();
                Feedback.success(guest.name() + " deleted on " + host);
                changed.run();
            } catch (InvalidInputException ex) {
                typed.setErrorMessage(ex.rule());
                typed.setInvalid(true);
            } catch (HostOperationException ex) {
                Feedback.error(ex.getMessage());
            }
        });
        delete.setId("remote-delete-confirm");
        delete.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), delete);
        dialog.open();
    }

    private static long value(String field, String text) {
        String t = text.strip();
        if (t.equals("inf") || t.equals("-1")) {
            return org.vsconsole.host.LimitValues.UNLIMITED;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "a whole number, or inf");
        }
    }
}
