package org.vsconsole.host.vserver;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one argv list, never through a shell: fixed environment (the console's own is not passed
 * on), stdin from {@code /dev/null} (util-vserver colours and prompts only on a terminal), stdout
 * and stderr read line by line and kept bounded, and a timeout after which the whole process tree
 * is killed. Waiting for the pipes is bounded too: a daemon started by the command (a guest's
 * init) may keep them open long after the command itself has ended.
 */
public final class CommandRunner {

    public static final int DEFAULT_CAPTURE_LIMIT = 64 * 1024;
    private static final int MAX_LINE_BYTES = 8192;
    private static final File DEV_NULL = new File("/dev/null");

    private final Map<String, String> environment;
    private final int captureLimit;
    private final Duration drainTimeout;
    private final ProcessTreeKiller killer;

    /** With the default bounds: 64 KiB per stream, 2 s TERM→KILL grace, 1 s pipe drain. */
    public CommandRunner(Map<String, String> environment) {
        this(environment, DEFAULT_CAPTURE_LIMIT, Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    public CommandRunner(Map<String, String> environment, int captureLimit, Duration killGrace, Duration drainTimeout) {
        this.environment = Map.copyOf(environment);
        this.captureLimit = captureLimit;
        this.drainTimeout = drainTimeout;
        this.killer = new ProcessTreeKiller(killGrace);
    }

    /** What every command run through this runner gets as its whole environment. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The environment the tools get on a real host: a fixed PATH and the C locale. */
    public static Map<String, String> hostEnvironment() {
        return Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C", "LC_ALL", "C");
    }

    /**
     * Runs {@code argv} and returns how it ended; every stdout and stderr line also goes to
     * {@code lines} as it comes (calls are serialised, the consumer need not be thread-safe).
     *
     * @throws IOException when the program cannot be started at all
     */
    public CommandResult run(List<String> argv, Duration timeout, Consumer<String> lines) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();

        BoundedTail stdout = new BoundedTail(captureLimit);
        BoundedTail stderr = new BoundedTail(captureLimit);
        Object consumerLock = new Object();
        Thread outReader = pump(process.getInputStream(), stdout, lines, consumerLock, argv, "out");
        Thread errReader = pump(process.getErrorStream(), stderr, lines, consumerLock, argv, "err");

        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killer.kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.getFirst(), e);
        }
        if (!exited) {
            killer.kill(process);
        }
        drain(outReader);
        drain(errReader);
        int exitCode = exited ? process.exitValue() : -1;
        return new CommandResult(argv, exitCode, !exited, stdout.text(), stderr.text(),
                stdout.truncated() || stderr.truncated());
    }

    private static Thread pump(InputStream stream, BoundedTail tail, Consumer<String> lines, Object lock,
            List<String> argv, String which) {
        Consumer<String> sink = line -> {
            tail.add(line);
            synchronized (lock) {
                try {
                    lines.accept(line);
                } catch (RuntimeException e) {
                    // A failing consumer must not stop the pump: a full pipe would block the command.
                }
            }
        };
        return Thread.ofPlatform().daemon().name("cmd-" + which + "-" + argv.getFirst()).start(() -> {
            try (stream) {
                new LineReader(MAX_LINE_BYTES).readLines(stream, sink);
            } catch (IOException | RuntimeException e) {
                // The stream ends when the process is killed or the consumer fails; the exit code tells the story.
            }
        });
    }

    private void drain(Thread reader) {
        try {
            reader.join(drainTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
