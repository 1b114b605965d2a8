package org.vsconsole.host.linux;

import org.vsconsole.base.Formats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vsconsole.host.process.HostTools;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;
import org.vsconsole.host.pty.PtyProcess;

/**
 * The {@code lxc-*} commands the driver runs, as argv lists with timeouts, always with the
 * console's own lxcpath ({@code -P}) so its containers never meet any other LXC user's. They are
 * used for actions only; figures come from the containers' cgroup files, which cost a fraction
 * of an {@code lxc-info} per tick.
 */
final class LxcTools {

    static final List<String> REQUIRED = List.of("lxc-start", "lxc-stop", "lxc-wait", "lxc-attach", "newuidmap",
            "newgidmap");

    /** {@code … ERROR    start - ../src/lxc/start.c:fn:99 - the message}: the message is what counts. */
    private static final Pattern ERROR_LINE = Pattern.compile(" ERROR\\s+\\S+ - \\S+:\\d+ - (.*)$");

    /** What xterm.js emulates. */
    static final String TERMINAL_TYPE = "xterm-256color";
    /** Runs inside the guest, not on the host: bash when the guest has it, else its sh. */
    static final List<String> LOGIN_SHELL = List.of("/bin/sh", "-c",
            "if command -v bash >/dev/null 2>&1; then exec bash -l; fi; exec /bin/sh -l");

    private final Path lxcPath;
    private final Duration timeout;

    LxcTools(Path lxcPath, Duration timeout) {
        this.lxcPath = lxcPath;
        this.timeout = timeout;
    }

    /** Which required tool is missing, if any. */
    static Optional<String> missing() {
        return REQUIRED.stream().filter(tool -> HostTools.find(tool).isEmpty()).findFirst();
    }

    Path lxcPath() {
        return lxcPath;
    }

    Path configFile(String container) {
        return lxcPath.resolve(container).resolve("config");
    }

    /**
     * Starts the container in the background; on failure the message is the errors LXC logged,
     * which name the cause (a missing init, an id range not granted, …).
     */
    void start(String guest, String container, List<String> rlimits) {
        Path log = lxcPath.resolve(container).resolve("start.log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new HostOperationException("start", guest, "cannot reset " + log + ": " + e.getMessage(), e);
        }
        StringBuilder out = new StringBuilder();
        ExecResult result = LinuxCommands.stream("start", guest, withRlimits(rlimits, argv("lxc-start", container, "-l",
                "INFO", "-o", log.toString())), line -> out.append(line).append('\n'), timeout);
        if (result.timedOut() || result.exitCode() != 0) {
            String errors = errors(log);
            throw new HostOperationException("start", guest, "the container did not start"
                    + (result.timedOut() ? " within " + timeout.toSeconds() + " s" : "") + ": "
                    + (errors.isEmpty() ? out.toString().strip() : errors));
        }
    }

    /** Waits until LXC has torn the stopped container down (cgroups, veth), so a start may follow. */
    void awaitStopped(String guest, String container) {
        LinuxCommands.stream("stop", guest, argv("lxc-wait", container, "-s", "STOPPED", "-t",
                Long.toString(timeout.toSeconds())), line -> {
                }, timeout.plusSeconds(1));
    }

    void kill(String guest, String container) {
        LinuxCommands.stream("stop", guest, argv("lxc-stop", container, "-k"), line -> {
        }, timeout);
    }

    /** Runs argv inside the container with a clean environment; exits with the command's status. */
    ExecResult attach(String guest, String container, List<String> rlimits, List<String> command,
            Consumer<String> output, Duration limit) {
        List<String> argv = argv("lxc-attach", container, "--clear-env");
        for (Map.Entry<String, String> var : LinuxCommands.GUEST_ENV.entrySet()) {
            argv.addAll(List.of("--set-var", var.getKey() + "=" + var.getValue()));
        }
        argv.add("--");
        argv.addAll(command);
        return LinuxCommands.stream("exec", guest, withRlimits(rlimits, argv), output, limit);
    }

    /**
     * A login shell in the container under a pty. lxc-attach sees a terminal on its stdin and
     * gives the shell a pty of the container's own {@code devpts}, passing window changes on.
     * Inside, bash is preferred where the guest has it, as on a console login.
     */
    TerminalSession terminal(String guest, String container, List<String> rlimits, TerminalSize size) {
        List<String> argv = argv("lxc-attach", container, "--clear-env");
        Map<String, String> env = new java.util.TreeMap<>(LinuxCommands.GUEST_ENV);
        env.put("TERM", TERMINAL_TYPE);
        env.put("LANG", "C.UTF-8");
        for (Map.Entry<String, String> var : env.entrySet()) {
            argv.addAll(List.of("--set-var", var.getKey() + "=" + var.getValue()));
        }
        argv.add("--");
        argv.addAll(LOGIN_SHELL);
        try {
            return PtyProcess.start(withRlimits(rlimits, argv), Map.of("PATH", LinuxCommands.GUEST_ENV.get("PATH"), "TERM", TERMINAL_TYPE),
                    size);
        } catch (IOException e) {
            throw new HostOperationException("terminal", guest, Formats.reason(e), e);
        }
    }

    /**
     * {@code prlimit --nofile=S:H … -- argv}: LXC sets {@code lxc.prlimit} from inside the guest's
     * user namespace, where a limit can only be lowered; raising it to the guest's own (or to
     * unlimited) has to happen here, before, as root of the host.
     */
    private static List<String> withRlimits(List<String> rlimits, List<String> argv) {
        if (rlimits.isEmpty()) {
            return argv;
        }
        List<String> out = new ArrayList<>();
        out.add(HostTools.find("prlimit").orElseThrow(() -> new HostOperationException("lxc", null,
                "prlimit is not installed (apt-get install util-linux)")));
        out.addAll(rlimits);
        out.add("--");
        out.addAll(argv);
        return out;
    }

    private List<String> argv(String tool, String container, String... options) {
        List<String> argv = new ArrayList<>();
        argv.add(HostTools.find(tool).orElseThrow(() -> new HostOperationException("lxc", null,
                tool + " is not installed (apt-get install lxc uidmap)")));
        argv.addAll(List.of("-n", container, "-P", lxcPath.toString()));
        argv.addAll(List.of(options));
        return argv;
    }

    /** LXC's ERROR lines without their source positions: what a user can act on. */
    private static String errors(Path log) {
        try {
            List<String> found = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                Matcher error = ERROR_LINE.matcher(line);
                if (error.find()) {
                    found.add(error.group(1));
                }
            }
            return String.join("; ", found.stream().distinct().limit(4).toList());
        } catch (IOException e) {
            return "";
        }
    }
}
