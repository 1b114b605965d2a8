package org.vsconsole.host.process;

import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one argv list, never through a shell: a fixed environment (the console's own is not passed
 * on), stdin from {@code /dev/null} (tools colour and prompt only on a terminal), output read line
 * by line and kept bounded, and at a timeout or a cancel the whole process tree is ended.
 *
 * <p>The run ends on the command's own exit. Waiting for the pipes afterwards is bounded: a daemon
 * the command started (a guest's init) may keep them open for minutes, so a reader that sits in
 * an empty pipe for {@code drainGrace} after the exit is left behind, while output still flowing
 * from a slowly scheduled reader is waited for up to {@link #DRAIN_CAP}.
 */
public final class ProcessRunner {

    public static final int DEFAULT_CAPTURE_LIMIT = 64 * 1024;
    /** Longest line handed on at once; a command writing without newlines cannot fill the heap. */
    static final int MAX_LINE_BYTES = 8192;
    private static final Duration DRAIN_CAP = Duration.ofSeconds(5);
    private static final long CANCEL_POLL_NANOS = 500_000_000L;
    private static final File DEV_NULL = new File("/dev/null");

    private final Map<String, String> environment;
    private final int captureLimit;
    private final Duration drainGrace;
    private final ProcessTreeKiller killer;

    /** With the default bounds: 64 KiB kept per stream, 2 s TERM→KILL grace, 200 ms drain grace. */
    public ProcessRunner(Map<String, String> environment) {
        this(environment, DEFAULT_CAPTURE_LIMIT, Duration.ofSeconds(2), Duration.ofMillis(200));
    }

    public ProcessRunner(Map<String, String> environment, int captureLimit, Duration killGrace, Duration drainGrace) {
        this.environment = Map.copyOf(environment);
        this.captureLimit = captureLimit;
        this.drainGrace = drainGrace;
        this.killer = new ProcessTreeKiller(killGrace);
    }

    /** What every command run through this runner gets as its whole environment. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The environment host tools get: a fixed PATH and the C locale. */
    public static Map<String, String> hostEnvironment() {
        return Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C", "LC_ALL", "C");
    }

    /** One command: its argv, what its environment adds to the runner's, and how it is watched. */
    public record Command(List<String> argv, Map<String, String> extraEnvironment, Duration timeout,
            Consumer<String> lines, BooleanSupplier cancelled, boolean mergeStderr) {

        public Command {
            argv = List.copyOf(argv);
            extraEnvironment = Map.copyOf(extraEnvironment);
        }

        /** stdout and stderr kept apart, every line of both also streamed to {@code lines}. */
        public static Command of(List<String> argv, Duration timeout, Consumer<String> lines) {
            return new Command(argv, Map.of(), timeout, lines, () -> false, false);
        }

        /** stderr merged into stdout in the order written, as a terminal would show it. */
        public static Command merged(List<String> argv, Duration timeout, Consumer<String> lines) {
            return new Command(argv, Map.of(), timeout, lines, () -> false, true);
        }

        public Command withEnvironment(Map<String, String> extra) {
            return new Command(argv, extra, timeout, lines, cancelled, mergeStderr);
        }

        /** Asked twice a second; when it answers true the run ends in a {@link CancellationException}. */
        public Command cancelledWhen(BooleanSupplier cancelled) {
            return new Command(argv, extraEnvironment, timeout, lines, cancelled, mergeStderr);
        }
    }

    /** As {@link #run(Command)} for {@link Command#of}. */
    public CommandResult run(List<String> argv, Duration timeout, Consumer<String> lines) throws IOException {
        return run(Command.of(argv, timeout, lines));
    }

    /**
     * Runs the command and returns how it ended; every output line also goes to its consumer as it
     * comes (calls are serialised, the consumer need not be thread-safe, and once this returns it
     * is called no more).
     *
     * @throws IOException when the program cannot be started at all, or the wait is interrupted
     * @throws CancellationException when the command's cancel flag was raised (it is ended first)
     */
    public CommandResult run(Command command) throws IOException {
        List<String> argv = command.argv();
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectErrorStream(command.mergeStderr());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(command.extraEnvironment());
        Process process = builder.start();

        OutputSink sink = new OutputSink(command.lines());
        BoundedTail stdout = new BoundedTail(captureLimit);
        BoundedTail stderr = new BoundedTail(captureLimit);
        Pump out = new Pump(process.getInputStream(), stdout, sink, "out-" + process.pid());
        Pump err = command.mergeStderr() ? null : new Pump(process.getErrorStream(), stderr, sink, "err-" + process.pid());
        try {
            boolean exited = false;
            long deadline = System.nanoTime() + command.timeout().toNanos();
            while (!exited && System.nanoTime() < deadline) {
                if (command.cancelled().getAsBoolean()) {
                    killer.kill(process);
                    sink.close();
                    throw new CancellationException(argv.getFirst() + " was stopped on request");
                }
                exited = process.waitFor(Math.min(CANCEL_POLL_NANOS, Math.max(1, deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
            }
            if (!exited) {
                killer.kill(process);
            }
            out.drain(drainGrace);
            if (err != null) {
                err.drain(drainGrace);
            }
            sink.close();
            return new CommandResult(argv, exited ? process.exitValue() : -1, !exited, stdout.text(), stderr.text(),
                    stdout.truncated() || stderr.truncated());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killer.kill(process);
            sink.close();
            throw new IOException("interrupted while running " + argv.getFirst(), e);
        }
    }

    /** Serialises the consumer's calls and ends them when the run is over. */
    private static final class OutputSink {

        private final Consumer<String> lines;
        private boolean closed;

        OutputSink(Consumer<String> lines) {
            this.lines = lines;
        }

        synchronized void accept(String line) {
            if (closed) {
                return;
            }
            try {
                lines.accept(line);
            } catch (RuntimeException e) {
                // A failing consumer must not stop the pump: a full pipe would block the command.
            }
        }

        synchronized void close() {
            closed = true;
        }
    }

    /** Reads one stream into its tail and the sink on a thread of its own. */
    private static final class Pump {

        private final ReadTracking in;
        private final Thread thread;

        Pump(InputStream stream, BoundedTail tail, OutputSink sink, String name) {
            this.in = new ReadTracking(stream);
            this.thread = Thread.ofPlatform().daemon().name("cmd-" + name).start(() -> {
                try (in) {
                    new LineReader(MAX_LINE_BYTES).readLines(in, line -> {
                        tail.add(line);
                        sink.accept(line);
                    });
                } catch (IOException | RuntimeException e) {
                    // The stream ends when the process is killed; the exit code tells the story.
                }
            });
        }

        /** Waits for what is in the pipe, but not for a silent background child holding it open. */
        void drain(Duration grace) throws InterruptedException {
            long cap = System.nanoTime() + DRAIN_CAP.toNanos();
            while (thread.isAlive() && System.nanoTime() < cap) {
                thread.join(20);
                long since = in.waitingSince;
                if (since != 0 && System.nanoTime() - since >= grace.toNanos()) {
                    return;
                }
            }
        }
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
}
