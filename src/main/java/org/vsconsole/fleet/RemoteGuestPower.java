package org.vsconsole.fleet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import org.springframework.security.access.AccessDeniedException;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.agent.HostGuest;

/**
 * Start and Stop for a managed host's guest, the same on the host page and in the guest list:
 * stopping asks first, and what the host answered shows as a notification, never an error page.
 */
final class RemoteGuestPower {

    private RemoteGuestPower() {
    }

    /** The buttons' ids are {@code prefix-start-suffix}, {@code prefix-stop-suffix} and {@code prefix-stop-confirm}. */
    static Button start(FleetGuests fleet, String host, HostGuest guest, String prefix, String suffix, Runnable changed) {
        Button start = new Button("Start", e -> act(() -> fleet.start(host, guest.name()), guest.name() + " started", changed));
        start.setId(prefix + "-start-" + suffix);
        start.setEnabled(!guest.running() && guest.problem() == null);
        return start;
    }

    static Button stop(FleetGuests fleet, String host, HostGuest guest, String prefix, String suffix, Runnable changed) {
        Button stop = new Button("Stop", e -> {
            ConfirmDialog confirm = new ConfirmDialog();
            confirm.setHeader("Stop " + guest.name() + " on " + host + "?");
            confirm.setText("Its processes are ended; those still running after 30 s are killed.");
            confirm.setCancelable(true);
            Button yes = new Button("Stop", c -> {
                confirm.close();
                act(() -> fleet.stop(host, guest.name()), guest.name() + " stopped", changed);
            });
            yes.setId(prefix + "-stop-confirm");
            yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
            confirm.setConfirmButton(yes);
            confirm.open();
        });
        stop.setId(prefix + "-stop-" + suffix);
        stop.setEnabled(guest.running());
        return stop;
    }

    /** A link to a terminal in the running guest, for whoever may have one there (id {@code prefix-terminal-suffix}). */
    static com.vaadin.flow.component.Component terminal(org.vsconsole.security.CurrentUser user, String host, HostGuest guest,
            String prefix, String suffix) {
        if (!user.mayHaveTerminal(org.vsconsole.host.config.HostGrammar.guestOnHost(host, guest.name()))) {
            return new com.vaadin.flow.component.html.Span();
        }
        // the terminal feature's route for another host's guest (that feature depends on this one, not back)
        com.vaadin.flow.component.html.Anchor terminal = new com.vaadin.flow.component.html.Anchor(
                "hosts/" + host + "/guests/" + guest.name() + "/terminal", "Terminal");
        terminal.setId(prefix + "-terminal-" + suffix);
        terminal.setEnabled(guest.running());
        return terminal;
    }

    private static void act(Runnable action, String done, Runnable changed) {
        try {
            action.run();
            Feedback.success(done);
        } catch (InvalidInputException | HostOperationException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
        changed.run();
    }
}
