package org.vsconsole.host.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;

/**
 * A host command running under a fresh pty. The master side stays in the JVM (non-blocking, read
 * through {@code poll} so a close is noticed within {@link #POLL_MS}); the command gets the slave
 * side as stdin, stdout, stderr and controlling terminal through util-linux {@code setsid --ctty}.
 * Only the reading thread closes the master, after its last read: an fd closed under a blocked
 * read could be reused by another file and read from.
 */
public final class PtyProcess implements TerminalSession {

    private static final int POLL_MS = 200;
    private static final Duration WRITE_STALL = Duration.ofSeconds(2);
    private static final Duration HANGUP_GRACE = Duration.ofSeconds(1);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final int master;
    private final Process process;
    private final String slaveName;
    private final Object fdLock = new Object();
    private boolean fdOpen = true;
    private volatile boolean closing;

    private PtyProcess(int master, Process process, String slaveName) {
        this.master = master;
        this.process = process;
        this.slaveName = slaveName;
    }

    /**
     * Starts {@code argv} (absolute program first) with exactly {@code environment} under a new pty
     * of {@code size}. The argv goes to {@code setsid} after {@code --}, never through a shell.
     */
    public static PtyProcess start(List<String> argv, Map<String, String> environment, TerminalSize size)
            throws IOException {
        if (argv.isEmpty() || !argv.getFirst().startsWith("/")) {
            throw new IOException("a terminal command must start with an absolute program path");
        }
        Path setsid = setsid().orElseThrow(() -> new IOException("setsid (util-linux) is not installed"));
        PtyLibC libc = PtyLibC.INSTANCE;
        int master;
        try {
            master = libc.posix_openpt(PtyLibC.O_RDWR | PtyLibC.O_NOCTTY | PtyLibC.O_NONBLOCK | PtyLibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open a pseudo-terminal: " + e.getMessage(), e);
        }
        try {
            libc.grantpt(master);
            libc.unlockpt(master);
            String slave = slaveName(master);
            setSize(master, size);
            List<String> command = new ArrayList<>(List.of(setsid.toString(), "--ctty", "--"));
            command.addAll(argv);
            File slaveFile = new File(slave);
            // The JVM opens the slave only to hand it over and closes it right after the spawn. Were
            // the JVM a session leader without a terminal (a service), that open would make it the
            // JVM's controlling terminal; setsid --ctty runs as root and takes it over (TIOCSCTTY, 1).
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(slaveFile))
                    .redirectOutput(ProcessBuilder.Redirect.to(slaveFile))
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(environment);
            return new PtyProcess(master, builder.start(), slave);
        } catch (IOException | RuntimeException e) {
            libc.close(master);
            throw e instanceof LastErrorException le
                    ? new IOException("pty setup failed: " + le.getMessage(), le)
                    : e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private static Optional<Path> setsid() {
        return SETSID.stream().filter(Files::isExecutable).findFirst();
    }

    private static String slaveName(int master) throws IOException {
        byte[] name = new byte[128];
        int error = PtyLibC.INSTANCE.ptsname_r(master, name, new NativeLong(name.length));
        if (error != 0) {
            throw new IOException("ptsname failed: error " + error);
        }
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.US_ASCII);
    }

    private static void setSize(int fd, TerminalSize size) {
        PtyLibC.INSTANCE.ioctl(fd, new NativeLong(PtyLibC.TIOCSWINSZ),
                new short[]{(short) size.rows(), (short) size.cols(), 0, 0});
    }

    /** The slave device, e.g. {@code /dev/pts/3}: what {@code tty} prints on the host side. */
    public String slaveName() {
        return slaveName;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        while (true) {
            synchronized (fdLock) {
                if (!fdOpen) {
                    return -1;
                }
            }
            int ready;
            try {
                ready = PtyLibC.INSTANCE.poll(pollFd(PtyLibC.POLLIN), new NativeLong(1), POLL_MS);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == PtyLibC.EINTR) {
                    continue;
                }
                throw closeAfter(e);
            }
            if (ready == 0) {
                if (closing && !process.isAlive()) {
                    return end(); // a child that kept the slave open must not keep the session alive
                }
                continue;
            }
            try {
                long n = PtyLibC.INSTANCE.read(master, buffer, new NativeLong(buffer.length)).longValue();
                if (n > 0) {
                    return (int) n;
                }
                return end();
            } catch (LastErrorException e) {
                int code = e.getErrorCode();
                if (code == PtyLibC.EAGAIN || code == PtyLibC.EINTR) {
                    continue;
                }
                if (code == PtyLibC.EIO) {
                    return end(); // every slave fd is closed: the program has ended
                }
                throw closeAfter(e);
            }
        }
    }

    private byte[] pollFd(short events) {
        byte[] pollfd = new byte[8];
        pollfd[0] = (byte) master;
        pollfd[1] = (byte) (master >> 8);
        pollfd[2] = (byte) (master >> 16);
        pollfd[3] = (byte) (master >> 24);
        pollfd[4] = (byte) events;
        pollfd[5] = (byte) (events >> 8);
        return pollfd;
    }

    private int end() {
        closeFd();
        return -1;
    }

    private IOException closeAfter(LastErrorException e) {
        closeFd();
        return new IOException("terminal read failed: " + e.getMessage(), e);
    }

    private void closeFd() {
        synchronized (fdLock) {
            if (fdOpen) {
                fdOpen = false;
                PtyLibC.INSTANCE.close(master);
            }
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        synchronized (fdLock) {
            if (!fdOpen || closing) {
                throw new IOException("the terminal is closed");
            }
            long deadline = System.nanoTime() + WRITE_STALL.toNanos();
            int offset = 0;
            while (offset < bytes.length) {
                byte[] rest = offset == 0 ? bytes : Arrays.copyOfRange(bytes, offset, bytes.length);
                try {
                    offset += (int) PtyLibC.INSTANCE.write(master, rest, new NativeLong(rest.length)).longValue();
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != PtyLibC.EAGAIN && e.getErrorCode() != PtyLibC.EINTR) {
                        throw new IOException("terminal write failed: " + e.getMessage(), e);
                    }
                    // the program is not reading its input: wait a little, but never block the UI long
                    if (System.nanoTime() > deadline) {
                        throw new IOException("the program in the terminal does not read its input");
                    }
                    PtyLibC.INSTANCE.poll(pollFd(PtyLibC.POLLOUT), new NativeLong(1), 50);
                }
            }
        }
    }

    @Override
    public void resize(TerminalSize size) {
        synchronized (fdLock) {
            if (fdOpen) {
                setSize(master, size);
            }
        }
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit status once ended; waits at most {@code timeout}. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    @Override
    public void close() {
        closing = true;
        if (!process.isAlive()) {
            return;
        }
        signalGroup(PtyLibC.SIGHUP); // what a terminal that goes away sends
        try {
            if (process.waitFor(HANGUP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        signalGroup(PtyLibC.SIGKILL);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS); // closed means gone, not dying
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signalGroup(int signal) {
        try {
            PtyLibC.INSTANCE.kill((int) -process.pid(), signal); // setsid made it a group leader
        } catch (LastErrorException e) {
            try {
                PtyLibC.INSTANCE.kill((int) process.pid(), signal); // closed before setsid had run
            } catch (LastErrorException gone) {
                // it has ended already
            }
        }
    }
}
