package org.vsconsole.guests;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.vsconsole.host.ExecResult;

/**
 * Runs one command inside the guest and streams its output into the page. The command line is
 * split into words like a shell would for plain words and quotes, but no shell ever runs it.
 */
class GuestConsole extends VerticalLayout {

    private final GuestProcessService guests;
    private final String name;
    private final TextField command = new TextField();
    private final Pre output = new Pre();
    private final Span status = new Span();
    private final Button run = new Button("Run");
    private final StringBuilder text = new StringBuilder();

    GuestConsole(GuestProcessService guests, String name) {
        this.guests = guests;
        this.name = name;
        setPadding(false);
        command.setId("console-command");
        command.setPlaceholder("e.g. hostname, ps, cat /etc/os-release");
        command.setWidthFull();
        run.setId("console-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickShortcut(Key.ENTER);
        run.addClickListener(e -> runCommand());
        output.setId("console-output");
        output.addClassName("console-output");
        status.setId("console-status");
        HorizontalLayout line = new HorizontalLayout(command, run);
        line.setWidthFull();
        line.setAlignItems(FlexComponent.Alignment.BASELINE);
        line.expand(command);
        add(new Span("Runs as root inside " + name + "; the command line is recorded in the audit log."), line, status, output);
        setWidthFull();
    }

    private void runCommand() {
        List<String> argv;
        try {
            argv = CommandLineWords.split(command.getValue());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        if (argv.isEmpty()) {
            return;
        }
        UI ui = UI.getCurrent();
        text.setLength(0);
        text.append("# ").append(String.join(" ", argv)).append('\n');
        output.setText(text.toString());
        status.setText("Running…");
        run.setEnabled(false);
        CompletableFuture.runAsync(new DelegatingSecurityContextRunnable(() -> {
            try {
                ExecResult result = guests.exec(name, argv, lineOut -> ui.access(() -> append(lineOut)));
                ui.access(() -> status.setText(result.timedOut()
                        ? "Stopped at the time limit"
                        : "Exit code " + result.exitCode()));
            } catch (RuntimeException e) {
                ui.access(() -> status.setText("Failed: " + e.getMessage()));
            } finally {
                ui.access(() -> run.setEnabled(true));
            }
        }));
    }

    private void append(String lineOut) {
        text.append(lineOut).append('\n');
        output.setText(text.toString());
    }
}
