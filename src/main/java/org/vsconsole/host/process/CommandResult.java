package org.vsconsole.host.process;

import java.util.List;

/**
 * How one command ended. {@code stdout}/{@code stderr} hold the tail of each stream, cut to the
 * runner's capture limit ({@code outputTruncated} then says so; with stderr merged into stdout,
 * {@code stderr} is empty); {@code exitCode} is -1 when the command was killed at its timeout.
 */
public record CommandResult(
        List<String> argv, int exitCode, boolean timedOut, String stdout, String stderr, boolean outputTruncated) {

    private static final int MESSAGE_LIMIT = 2000;

    public CommandResult {
        argv = List.copyOf(argv);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /**
     * The command's own words for an error message: the end of stderr, or of stdout when stderr
     * is empty, since tools such as util-vserver's scripts put the decisive line last.
     */
    public String ownMessage() {
        String text = stderr.isBlank() ? stdout : stderr;
        text = text.strip();
        if (text.length() > MESSAGE_LIMIT) {
            text = "…" + text.substring(text.length() - MESSAGE_LIMIT);
        }
        return text;
    }
}
