package org.vsconsole.terminal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import org.vsconsole.base.Feedback;
import org.vsconsole.host.TerminalSize;
import org.jspecify.annotations.Nullable;

/**
 * A terminal in one guest: opens a session when asked, or resumes the user's session that a
 * page left behind (a reload, a network blip), and shows it with xterm.js. Output is coalesced:
 * whatever arrived while a push was on its way goes out in the next one.
 */
public class GuestTerminal extends VerticalLayout implements TerminalListener, XtermElement.Events {

    private final TerminalService terminals;
    private final String guest;
    private final Span status = new Span("No session");
    private final Button open = new Button("Open terminal", VaadinIcon.TERMINAL.create());
    private final Button close = new Button("Close session", VaadinIcon.CLOSE_SMALL.create());
    private static final java.time.format.DateTimeFormatter OPENED = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC);

    private final Div screenBox = new Div();
    private final HorizontalLayout resumeBar = new HorizontalLayout();
    private final StringBuilder pending = new StringBuilder();
    private @Nullable XtermElement screen;
    private @Nullable String sessionId;
    private @Nullable String resumeId;
    private @Nullable UI ui;
    private boolean flushQueued;

    public GuestTerminal(TerminalService terminals, String guest, boolean ownPage) {
        this.terminals = terminals;
        this.guest = guest;
        setPadding(false);
        setSizeFull();
        status.setId("terminal-status");
        open.setId("terminal-open");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        open.addClickListener(e -> start(null));
        close.setId("terminal-close");
        close.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        close.setEnabled(false);
        close.addClickListener(e -> closeSession());
        HorizontalLayout bar = new HorizontalLayout(open, close, status);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        if (!ownPage) {
            Anchor page = new Anchor(TerminalView.path(guest), "Open in its own page");
            page.setTarget("_blank");
            page.setId("terminal-own-page");
            bar.add(page);
        }
        screenBox.setWidthFull();
        screenBox.addClassName(ownPage ? "terminal-page" : "guest-terminal");
        add(new Span("A login shell as root inside " + TerminalTarget.of(guest).shown() + ". Ctrl+Shift+C copies, Ctrl+Shift+V pastes."
                + " The session is recorded for the auditors."), bar, resumeBar, screenBox);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        ui = event.getUI();
        TerminalScripts.load(ui);
        if (sessionId == null && screen == null) {
            List<TerminalService.OpenSession> open = terminals.openSessions(guest);
            open.stream().filter(s -> !s.shownElsewhere()).findFirst()
                    .ifPresent(s -> start(s.id())); // the page came back: pick up the session it left
            offerResume(open);
        }
    }

    /** Sessions of this user shown in another page (or tab) are offered, never taken silently. */
    private void offerResume(List<TerminalService.OpenSession> open) {
        resumeBar.removeAll();
        int i = 0;
        for (TerminalService.OpenSession s : open) {
            if (s.id().equals(resumeId) || s.id().equals(sessionId)) {
                continue;
            }
            Button resume = new Button("Resume session of " + OPENED.format(s.opened()) + " UTC", e -> {
                resumeBar.removeAll();
                start(s.id());
            });
            resume.setId("terminal-resume-" + i++);
            resume.addThemeVariants(ButtonVariant.LUMO_SMALL);
            resumeBar.add(resume);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (sessionId != null) {
            terminals.detach(sessionId, this);
            resumeId = sessionId; // shown again (a tab switch): the new element resumes it
        }
    }

    private void start(@Nullable String resume) {
        resumeId = resume;
        screenBox.removeAll();
        screen = new XtermElement(this);
        screenBox.add(screen);
        open.setEnabled(false);
        status.setText(resume == null ? "Opening…" : "Resuming…");
    }

    // --- from the browser -----------------------------------------------------------------

    @Override
    public void ready(TerminalSize size) {
        // the browser reports ready from the screen that start() made
        XtermElement screen = java.util.Objects.requireNonNull(this.screen);
        try {
            if (resumeId != null) {
                sessionId = resumeId;
                resumeId = null;
                String screenSoFar = terminals.attach(sessionId, this);
                terminals.resize(sessionId, size);
                screen.write(screenSoFar);
                status.setText("Resumed · " + size.cols() + "×" + size.rows());
            } else {
                sessionId = terminals.open(guest, size);
                // the shell may have printed before this page attached: that output waits in the scrollback
                screen.write(terminals.attach(sessionId, this));
                status.setText("Connected · " + size.cols() + "×" + size.rows());
            }
            close.setEnabled(true);
        } catch (RuntimeException e) {
            sessionId = null;
            screen.end("no terminal: " + e.getMessage());
            status.setText("Refused: " + e.getMessage());
            open.setEnabled(true);
            Feedback.error(e.getMessage());
        }
    }

    @Override
    public void input(String data) {
        if (sessionId != null) {
            try {
                terminals.input(sessionId, data);
            } catch (RuntimeException e) {
                status.setText(e.getMessage());
            }
        }
    }

    @Override
    public void resize(TerminalSize size) {
        if (sessionId != null) {
            terminals.resize(sessionId, size);
            status.setText("Connected · " + size.cols() + "×" + size.rows());
        }
    }

    // --- from the session (pump thread) --------------------------------------------------

    @Override
    public void output(String text) {
        UI target = ui;
        if (target == null) {
            return;
        }
        synchronized (pending) {
            pending.append(text);
            if (flushQueued) {
                return;
            }
            flushQueued = true;
        }
        target.access(this::flush);
    }

    private void flush() {
        String text;
        synchronized (pending) {
            text = pending.toString();
            pending.setLength(0);
            flushQueued = false;
        }
        if (screen != null && !text.isEmpty()) {
            screen.write(text);
        }
    }

    @Override
    public void ended(String reason) {
        UI target = ui;
        if (target != null) {
            target.access(() -> {
                flush();
                sessionId = null;
                if (screen != null) {
                    screen.end("session ended: " + reason);
                }
                status.setText("Session ended: " + reason);
                close.setEnabled(false);
                open.setEnabled(true);
            });
        }
    }

    private void closeSession() {
        if (sessionId != null) {
            terminals.close(sessionId);
        }
    }

}
