package org.vsconsole.guests;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vsconsole.base.Feedback;

/**
 * Start, stop or restart the guests selected in the list. Stop and restart ask first, naming
 * every guest, since they end what runs inside; each guest is tried on its own, so one refusal
 * does not keep the others from running, and the result names every failure.
 */
final class GuestBulkActions extends HorizontalLayout {

    private final GuestService guests;
    private final Supplier<List<String>> selected;
    private final Runnable done;

    /** {@code selected} answers the chosen guests' names, each once and sorted. */
    GuestBulkActions(GuestService guests, Supplier<List<String>> selected, Runnable done) {
        this.guests = guests;
        this.selected = selected;
        this.done = done;
        add(button("Start", "start", VaadinIcon.PLAY), button("Stop", "stop", VaadinIcon.STOP),
                button("Restart", "restart", VaadinIcon.REFRESH));
        setId("guest-bulk-actions");
        // one group, so on a narrow screen the three wrap to a line of their own together
        setSpacing(false);
        getStyle().set("gap", "var(--lumo-space-s)");
    }

    private Button button(String label, String action, VaadinIcon icon) {
        Button button = new Button(label, icon.create(), e -> confirm(label, action));
        button.setId("bulk-" + action);
        return button;
    }

    private void confirm(String label, String action) {
        List<String> names = selected.get();
        if (names.isEmpty()) {
            Feedback.info("Select one or more guests first");
            return;
        }
        Runnable run = () -> run(action, names);
        if (action.equals("start")) {
            run.run();
            return;
        }
        Feedback.confirmDestructive(label + " " + names.size() + " guest" + (names.size() == 1 ? "" : "s") + "?",
                String.join(", ", names) + " — their processes will be " + (action.equals("stop") ? "stopped." : "restarted."),
                label, run);
    }

    private void run(String action, List<String> names) {
        Function<String, GuestSummary> operation = switch (action) {
            case "start" -> guests::start;
            case "stop" -> guests::stop;
            default -> guests::restart;
        };
        Map<String, String> failures = new LinkedHashMap<>();
        for (String name : names) {
            try {
                operation.apply(name);
            } catch (RuntimeException e) {
                failures.put(name, e.getMessage());
            }
        }
        int ok = names.size() - failures.size();
        StringBuilder text = new StringBuilder(ok + " of " + names.size() + " guests: " + action + " done.");
        failures.forEach((name, message) -> text.append("\n").append(name).append(": ").append(message));
        if (failures.isEmpty()) {
            Feedback.success(text.toString());
        } else {
            Feedback.error(text.toString());
        }
        done.run();
    }
}
