package org.vsconsole.host.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.HostOperationException;

/**
 * Runs argv lists (never a shell) with a bound on the wait. Output is streamed line by line and
 * the run ends on the command's own exit: background children that inherited the pipe may keep
 * it open for minutes, so after the exit the reader gets a short grace and is then left behind.
 */
final class CommandRunner {

    /** Longest line handed on at once; a guest writing without newlines cannot fill the heap. */
    private static final int MAX_LINE = 8192;
    private static final Duration DRAIN_GRACE = Duration.ofMillis(300);
    private static final int SIGKILL = 9;
    static final Map<String, String> GUEST_ENV = Map.of(
            "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME", "/root",
            "TERM", "dumb",
            "LANG", "C");

    private CommandRunner() {
    }

    /** Runs a host command and returns its combined output; a failure carries that output. */
    static String run(String operation, String guest, List<String> argv, Duration timeout) {
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

    static ExecResult stream(String operation, String guest, List<String> argv, Consumer<String> output,
            Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(GUEST_ENV);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new HostOperationException(operation, guest, "cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        }
        LineForwarder forwarder = new LineForwarder(process.getInputStream(), output);
        Thread reader = Thread.ofPlatform().daemon().name("output-" + process.pid()).start(forwarder);
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                killGroup(process);
                process.waitFor(2, TimeUnit.SECONDS);
            }
            reader.join(DRAIN_GRACE);
            forwarder.stop();
            return new ExecResult(exited ? process.exitValue() : -1, !exited);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killGroup(process);
            forwarder.stop();
            throw new HostOperationException(operation, guest, "interrupted while waiting for " + argv.getFirst(), e);
        }
    }

    /**
     * Kills the command's process group (vsc-launch makes each exec a session leader) and then
     * every descendant Java can still see, for those that moved to a group of their own.
     */
    static void killGroup(Process process) {
        try {
            LibC.INSTANCE.kill((int) -process.pid(), SIGKILL);
        } catch (LastErrorException e) {
            // not a group leader (a plain host command): the descendants below cover it
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads lines and hands them on until stopped; after {@link #stop()} nothing more is passed. */
    private static final class LineForwarder implements Runnable {

        private final InputStream in;
        private final Consumer<String> output;
        private boolean stopped;

        LineForwarder(InputStream in, Consumer<String> output) {
            this.in = in;
            this.output = output;
        }

        synchronized void stop() {
            stopped = true;
        }

        private synchronized void emit(StringBuilder line) {
            if (!stopped) {
                output.accept(line.toString());
            }
            line.setLength(0);
        }

        @Override
        public void run() {
            StringBuilder line = new StringBuilder();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                int c;
                while ((c = reader.read()) != -1) {
                    if (c == '\n') {
                        emit(line);
                    } else if (c != '\r') {
                        line.append((char) c);
                        if (line.length() >= MAX_LINE) {
                            emit(line);
                        }
                    }
                }
                if (!line.isEmpty()) {
                    emit(line);
                }
            } catch (IOException e) {
                // the pipe was closed under us: the run is over
            }
        }
    }
}
