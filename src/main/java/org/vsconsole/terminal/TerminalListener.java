package org.vsconsole.terminal;

/** The page showing a session: receives what the terminal shows, and hears when it ends. */
public interface TerminalListener {

    void output(String text);

    void ended(String reason);
}
