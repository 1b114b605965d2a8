package org.vsconsole.host.process;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps the last lines of a stream up to a character budget, so a command that floods its output
 * cannot grow the console's memory, while the final error lines (the useful ones) survive.
 */
final class BoundedTail {

    private final int limit;
    private final Deque<String> lines = new ArrayDeque<>();
    private int size;
    private boolean truncated;

    BoundedTail(int limit) {
        this.limit = limit;
    }

    synchronized void add(String line) {
        lines.addLast(line);
        size += line.length() + 1;
        while (size > limit && !lines.isEmpty()) {
            size -= lines.removeFirst().length() + 1;
            truncated = true;
        }
    }

    synchronized boolean truncated() {
        return truncated;
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}
