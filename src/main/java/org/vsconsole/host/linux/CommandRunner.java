package org.vsconsole.host.linux;

import com.sun.jna.LastErrorException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
    /** How long a reader may sit in an empty pipe after the exit before it is left behind. */
    private static final Duration DRAIN_GRACE = Duration.ofMillis(200);
    /** Upper bound on draining after the exit, for a command that left a chatty child behind. */
    private static final Duration DRAIN_CAP = Duration.ofSeconds(5);
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
        return stream(operation, guest, argv, Map.of(), output, timeout, () -> false);
    }

    /**
     * As {@link #stream(String, String, List, Consumer, Duration)}, with {@code env} added to the
     * fixed environment and {@code cancelled} asked twice a second: when it answers true the
     * command and its descendants are killed and a {@link CancellationException} is thrown.
     */
    static ExecResult stream(String operation, String guest, List<String> argv, Map<String, String> env,
            Consumer<String> output, Duration timeout, BooleanSupplier cancelled) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(GUEST_ENV);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new HostOperationException(operation, guest, "cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        }
        LineForwarder forwarder = new LineForwarder(new ReadTracking(process.getInputStream()), output);
        Thread reader = Thread.ofPlatform().daemon().name("output-" + process.pid()).start(forwarder);
        try {
            boolean exited = false;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!exited && System.nanoTime() < deadline) {
                if (cancelled.getAsBoolean()) {
                    killGroup(process);
                    process.waitFor(2, TimeUnit.SECONDS);
                    forwarder.stop();
                    throw new CancellationException(argv.getFirst() + " was stopped on request");
                }
                exited = process.waitFor(Math.min(500_000_000L, Math.max(1, deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
            }
            if (!exited) {
                killGroup(process);
                process.waitFor(2, TimeUnit.SECONDS);
            }
            drain(reader, forwarder);
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
     * Waits for the output that is already in the pipe, however slowly a loaded host schedules
     * the reader, but not for a background child that keeps the pipe open and silent: the
     * reader is left once it has waited in an empty pipe for {@link #DRAIN_GRACE}.
     */
    private static void drain(Thread reader, LineForwarder forwarder) throws InterruptedException {
        long cap = System.nanoTime() + DRAIN_CAP.toNanos();
        while (reader.isAlive() && System.nanoTime() < cap) {
            reader.join(20);
            long since = forwarder.in.waitingSince;
            if (since != 0 && System.nanoTime() - since >= DRAIN_GRACE.toNanos()) {
                return;
            }
        }
    }

    /**
     * Kills the command's process group (where it leads one) and then
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

    /** Knows since when its reader has been blocked in the pipe (0 while not in a read). */
    private static final class ReadTracking extends FilterInputStream {

        volatile long waitingSince;

        ReadTracking(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            waitingSince = System.nanoTime();
            try {
                return super.read();
            } finally {
                waitingSince = 0;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            waitingSince = System.nanoTime();
            try {
                return super.read(buffer, offset, length);
            } finally {
                waitingSince = 0;
            }
        }
    }

    /** Reads lines and hands them on until stopped; after {@link #stop()} nothing more is passed. */
    private static final class LineForwarder implements Runnable {

        private final ReadTracking in;
        private final Consumer<String> output;
        private boolean stopped;

        LineForwarder(ReadTracking in, Consumer<String> output) {
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
