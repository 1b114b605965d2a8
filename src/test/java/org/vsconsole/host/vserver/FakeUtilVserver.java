package org.vsconsole.host.vserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.process.ProcessRunner;

/**
 * The fake util-vserver tools of {@code src/test/resources/fake-util-vserver}, copied into a
 * temporary bin directory and made executable, with helpers to steer them and read what they
 * were called with. See {@code fake-common.sh} for the control files. Public so that tests of the
 * services above the driver (e.g. guest creation) can run it against the fake tools too.
 */
public final class FakeUtilVserver {

    static final String[] TOOLS = {"vserver", "vlimit", "vkill", "vps", "vnamespace", "fake-common.sh"};

    final Path home;
    final Path bin;

    private FakeUtilVserver(Path home, Path bin) {
        this.home = home;
        this.bin = bin;
    }

    /** The fake tools another process copied to {@code home} before: its state and call log are shared with it. */
    public static FakeUtilVserver at(Path home) {
        return new FakeUtilVserver(home, home.resolve("bin"));
    }

    public FakeUtilVserver(Path tempDir) {
        try {
            home = tempDir;
            bin = Files.createDirectories(tempDir.resolve("bin"));
            Files.createDirectories(tempDir.resolve("control"));
            Path source = Path.of(FakeUtilVserver.class.getResource("/fake-util-vserver/vserver").toURI()).getParent();
            for (String tool : TOOLS) {
                Path target = bin.resolve(tool);
                Files.copy(source.resolve(tool), target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> environment() {
        return Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C", "FAKE_UV_DIR", home.toString());
    }

    public VserverDriver driver(CommandTimeouts timeouts) {
        return driver(timeouts, guests -> Map.of());
    }

    VserverDriver driver(CommandTimeouts timeouts, ContextFiguresSource figures) {
        VserverSyscall kernelAnswering = new VserverSyscall((name, cmd, id, data) -> 0x00020308);
        return new VserverDriver(new UtilVserverCommands(bin),
                new ProcessRunner(environment(), ProcessRunner.DEFAULT_CAPTURE_LIMIT, Duration.ofMillis(500),
                        Duration.ofMillis(500)),
                timeouts, new VserverKernelProbe(kernelAnswering, home.resolve("proc")), figures,
                new org.vsconsole.host.TreeRemover(home.resolve("mountinfo")));
    }

    /**
     * The driver over a proc tree at {@code <home>/proc} (copy a fixture there): the running
     * contexts, their details and the host row are read from it with the console's own readers, as
     * the production wiring reads {@code /proc}; start, stop and the rest go to the fake tools.
     */
    public VserverDriver driverOverProc(CommandTimeouts timeouts) {
        Path proc = home.resolve("proc");
        org.vsconsole.host.proc.ProcVirtualReader reader = new org.vsconsole.host.proc.ProcVirtualReader(proc);
        ContextFiguresSource figures = guests -> {
            try {
                return reader.read().figures().stream().collect(java.util.stream.Collectors.toMap(
                        org.vsconsole.host.ContextFigures::xid, f -> f, (a, b) -> a));
            } catch (IOException e) {
                return Map.of();
            }
        };
        VserverSyscall kernelAnswering = new VserverSyscall((name, cmd, id, data) -> 0x00020308);
        return new VserverDriver(new UtilVserverCommands(bin),
                new ProcessRunner(environment(), ProcessRunner.DEFAULT_CAPTURE_LIMIT, Duration.ofMillis(500),
                        Duration.ofMillis(500)),
                timeouts, new VserverKernelProbe(kernelAnswering, proc), figures,
                new org.vsconsole.host.TreeRemover(home.resolve("mountinfo")), proc);
    }

    /** Writes control file {@code <key>.<what>}, e.g. {@code control("vserver.start", "exit", "1")}. */
    FakeUtilVserver control(String key, String what, String content) {
        try {
            Files.writeString(home.resolve("control").resolve(key + "." + what), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public FakeUtilVserver failWith(String key, int exitCode, String stderr) {
        return control(key, "stderr", stderr).control(key, "exit", Integer.toString(exitCode));
    }

    public FakeUtilVserver markRunning(String guest) {
        try {
            Files.createDirectories(home.resolve("state"));
            Files.writeString(home.resolve("state").resolve(guest), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Every call so far, each as tool name (file name only) followed by its arguments. */
    public List<List<String>> calls() {
        Path log = home.resolve("calls.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            List<List<String>> calls = new ArrayList<>();
            for (String record : text.split("\u001e\n")) {
                if (record.isEmpty()) {
                    continue;
                }
                calls.add(Arrays.asList(record.substring(0, record.length() - 1).split("\0", -1)));
            }
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calls without the tool's path: what a test compares against. */
    List<String> onlyCall() {
        List<List<String>> calls = calls();
        if (calls.size() != 1) {
            throw new AssertionError("expected one call, got " + calls);
        }
        return calls.getFirst();
    }

    List<String> stdinTargets() {
        try {
            Path log = home.resolve("stdin.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pids of the hanging fake and its sleep child. */
    List<Long> hangPids() {
        try {
            Path pids = home.resolve("pids");
            return Files.exists(pids) ? Files.readAllLines(pids).stream().map(Long::parseLong).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Alive and not a zombie: a zombie has released everything but its table entry. */
    static boolean running(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    static GuestSpec guest(String name, int xid, Path rootDir) {
        return new GuestSpec(name, xid, Path.of("/etc/vservers", name), rootDir, name, null, "16m", List.of(),
                Map.<String, LimitValues>of());
    }
}
