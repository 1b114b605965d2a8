package org.vsconsole.host.vserver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.process.CommandResult;
import org.vsconsole.host.process.ProcessRunner;

/**
 * Runs the util-vserver tools for the driver's operations and words what went wrong: a tool that
 * could not start, ran out of time or exited non-zero becomes a {@link HostOperationException}
 * naming the call ({@code vserver web1 start}, {@code vlimit}) and carrying the tool's own message.
 */
final class ToolCalls {

    private final ProcessRunner runner;

    ToolCalls(ProcessRunner runner) {
        this.runner = runner;
    }

    /** The environment every tool runs with. */
    Map<String, String> environment() {
        return runner.environment();
    }

    /** Runs {@code argv} to its end, its output kept; one that had to be killed at the timeout is a failure. */
    CommandResult run(String op, GuestSpec guest, List<String> argv, Duration timeout) {
        CommandResult result = stream(op, guest, argv, timeout, line -> {
        });
        if (result.timedOut()) {
            throw new HostOperationException(op, guest.name(), describe(argv) + " did not finish within "
                    + timeout.toSeconds() + " s and was killed" + lastWords(result));
        }
        return result;
    }

    /** Runs {@code argv} and requires it to succeed ({@link #requireSuccess}). */
    CommandResult runChecked(String op, GuestSpec guest, List<String> argv, Duration timeout) {
        return requireSuccess(op, guest, run(op, guest, argv, timeout));
    }

    /** Runs {@code argv}, each output line also to {@code lines}; the caller judges how it ended. */
    CommandResult stream(String op, GuestSpec guest, List<String> argv, Duration timeout, Consumer<String> lines) {
        try {
            return runner.run(argv, timeout, lines);
        } catch (IOException e) {
            throw new HostOperationException(op, guest.name(), "cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        }
    }

    /** {@code result} when the tool ended in time with exit code 0; otherwise its failure. */
    CommandResult requireSuccess(String op, GuestSpec guest, CommandResult result) {
        if (result.timedOut()) {
            throw new HostOperationException(op, guest.name(), describe(result.argv()) + " did not finish in time"
                    + lastWords(result));
        }
        if (result.exitCode() != 0) {
            throw failure(op, guest, result);
        }
        return result;
    }

    HostOperationException failure(String op, GuestSpec guest, CommandResult result) {
        String message = result.ownMessage();
        return new HostOperationException(op, guest.name(), describe(result.argv()) + " failed with exit code "
                + result.exitCode() + (message.isEmpty() ? " and no message" : ": " + message));
    }

    private static String lastWords(CommandResult result) {
        String message = result.ownMessage();
        return message.isEmpty() ? "" : "; last output: " + message;
    }

    /** "vserver web1 start" or "vlimit": enough to tell calls apart, short enough for a message. */
    private static String describe(List<String> argv) {
        String tool = Path.of(argv.getFirst()).getFileName().toString();
        if (!tool.equals("vserver")) {
            return tool;
        }
        List<String> rest = argv.subList(1, argv.size()).stream().filter(a -> !a.equals("--")).limit(2).toList();
        return tool + " " + String.join(" ", rest);
    }
}
