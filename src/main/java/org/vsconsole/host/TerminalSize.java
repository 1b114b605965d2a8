package org.vsconsole.host;

/**
 * Columns and rows of a terminal, as the browser measured them. Bounded so a hostile client
 * cannot ask the kernel for absurd window sizes; xterm.js never reports more than these.
 */
public record TerminalSize(int cols, int rows) {

    public static final int MAX_COLS = 500;
    public static final int MAX_ROWS = 200;

    public TerminalSize {
        if (cols < 2 || cols > MAX_COLS || rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("terminal size " + cols + "x" + rows + " is outside 2..500 x 1..200");
        }
    }
}
