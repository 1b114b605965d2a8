package org.vsconsole.host;

import java.io.IOException;

/**
 * A program running inside a guest under a real pseudo-terminal, as {@link HostDriver#openTerminal}
 * started it. One reader drains {@link #read}; input and resizes may come from any thread.
 * {@link #close} ends the program (hang-up, then kill) and is safe to call more than once.
 */
public interface TerminalSession extends AutoCloseable {

    /**
     * Blocks until the terminal shows something and returns how many bytes were put into
     * {@code buffer}; -1 once the program has ended and everything it wrote has been read.
     */
    int read(byte[] buffer) throws IOException;

    /** Types {@code bytes} into the terminal, as keystrokes or a paste. */
    void write(byte[] bytes) throws IOException;

    /** Tells the program its window changed ({@code SIGWINCH}). */
    void resize(TerminalSize size);

    boolean isAlive();

    @Override
    void close();
}
