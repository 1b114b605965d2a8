package org.vsconsole.host.linux;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.process.CommandResult;
import org.vsconsole.host.process.ProcessRunner;
import org.vsconsole.host.process.ProcessRunner.Command;

/**
 * The linux driver's commands through the one {@link ProcessRunner}: stderr merged into stdout in
 * the order written (it is shown to users as one log), the guest environment, and every failure
 * to start or finish turned into a {@link HostOperationException} naming the operation.
 */
final class LinuxCommands {

    static final Map<String, String> GUEST_ENV = Map.of(
            "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME", "/root",
            "TERM", "dumb",
            "LANG", "C");
    private static final ProcessRunner RUNNER = new ProcessRunner(GUEST_ENV);

    private LinuxCommands() {
    }

    /** Runs a host command and returns its combined output; a failure carries that output. */
    static String run(String operation, @Nullable String guest, List<String> argv, Duration timeout) {
        StringBuilder out = new StringBuilder();
        ExecResult result = stream(operation, guest, argv, line -> out.append(line).append('\n'), timeout);
        if (result.timedOut()) {
            throw new HostOperationException(operation, guest,
                    argv.getFirst() + " did not finish within " + timeout.toSeconds() + " s: " + out.toString().strip());
        }
        if (result.exitCode() != 0) {
            throw new HostOperationException(operation, guest,
                    argv.getFirst() + " failed (exit " + result.exitCode() + "): " + out.toString().strip());
        }
        return out.toString();
    }

    static ExecResult stream(String operation, @Nullable String guest, List<String> argv, Consumer<String> output,
            Duration timeout) {
        return stream(operation, guest, argv, Map.of(), output, timeout, () -> false);
    }

    /**
     * As {@link #stream(String, String, List, Consumer, Duration)}, with {@code env} added to the
     * guest environment and {@code cancelled} asked twice a second: when it answers true the
     * command and its descendants are ended and a {@link CancellationException} is thrown.
     */
    static ExecResult stream(String operation, @Nullable String guest, List<String> argv, Map<String, String> env,
            Consumer<String> output, Duration timeout, BooleanSupplier cancelled) {
        try {
            CommandResult result = RUNNER.run(Command.merged(argv, timeout, output).withEnvironment(env)
                    .cancelledWhen(cancelled));
            return new ExecResult(result.exitCode(), result.timedOut());
        } catch (IOException e) {
            throw new HostOperationException(operation, guest, "cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        }
    }
}
