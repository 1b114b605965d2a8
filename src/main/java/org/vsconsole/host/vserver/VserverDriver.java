package org.vsconsole.host.vserver;

import org.vsconsole.base.Formats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsconsole.host.TreeRemover;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.ContextDetails;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostFacts;
import org.vsconsole.host.HostFactsReader;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;
import org.vsconsole.host.process.CommandResult;
import org.vsconsole.host.process.ProcessRunner;
import org.vsconsole.host.pty.PtyProcess;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;

/**
 * Runs guests on a Linux-VServer host through the util-vserver tools. Success is only reported
 * when it is proven: a zero exit of {@code start}/{@code stop} is checked with {@code status},
 * and {@code vlimit}, which exits 0 even when the kernel refuses a limit, is checked for the
 * kernel's complaint. Every failure carries the tool's own message ({@link ToolCalls}).
 */
public final class VserverDriver implements HostDriver {

    static final int STATUS_RUNNING = 0;
    static final int STATUS_STOPPED = 3;
    private static final Logger LOG = LoggerFactory.getLogger(VserverDriver.class);
    private static final List<String> EXEC_REFUSALS = List.of(
            "is supported for running vservers only", "Can not find a vserver-setup");

    private final UtilVserverCommands commands;
    private final ToolCalls tools;
    private final CommandTimeouts timeouts;
    private final VserverKernelProbe kernel;
    private final TreeRemover rootRemover;
    /** What {@code /proc/virtual} shows besides the guests' figures; reads nothing without a proc tree. */
    private final ProcContexts contexts;
    private final Path procRoot;

    public VserverDriver(UtilVserverCommands commands, ProcessRunner runner, CommandTimeouts timeouts,
            VserverKernelProbe kernel, ContextFiguresSource figuresSource, TreeRemover rootRemover) {
        this(commands, runner, timeouts, kernel, figuresSource, rootRemover, null);
    }

    public VserverDriver(UtilVserverCommands commands, ProcessRunner runner, CommandTimeouts timeouts,
            VserverKernelProbe kernel, ContextFiguresSource figuresSource, TreeRemover rootRemover, @Nullable Path procRoot) {
        this.contexts = new ProcContexts(procRoot, figuresSource);
        this.procRoot = procRoot == null ? Path.of("/proc") : procRoot;
        this.commands = commands;
        this.tools = new ToolCalls(runner);
        this.timeouts = timeouts;
        this.kernel = kernel;
        this.rootRemover = rootRemover;
    }

    /** The production wiring: tools in {@code binDir} (normally {@code /usr/sbin}), the real syscall. */
    public static VserverDriver forHost(Path binDir, Path procRoot, ContextFiguresSource figuresSource) {
        return new VserverDriver(new UtilVserverCommands(binDir), new ProcessRunner(ProcessRunner.hostEnvironment()),
                CommandTimeouts.defaults(), new VserverKernelProbe(VserverSyscall.forThisHost(), procRoot),
                figuresSource, new TreeRemover(procRoot.resolve("self").resolve("mountinfo")), procRoot);
    }

    @Override
    public String name() {
        return "vserver";
    }

    @Override
    public Optional<String> readOnlyReason() {
        Path vserver = commands.binDir().resolve("vserver");
        if (!Files.isExecutable(vserver)) {
            return Optional.of("util-vserver is not installed: " + vserver + " is missing or not executable");
        }
        return kernel.readOnlyReason();
    }

    /** The kernel's interface version as {@code /proc/virtual/info} gives it ({@code VCIVersion: 0002:0308}). */
    @Override
    public HostFacts facts() {
        String vci = null;
        try {
            vci = Files.readAllLines(procRoot.resolve("virtual/info")).stream().filter(l -> l.startsWith("VCIVersion:"))
                    .map(l -> l.substring("VCIVersion:".length()).strip()).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            // no Linux-VServer kernel: the read-only reason says so
        }
        return HostFactsReader.read(procRoot, Path.of("/sys/fs/cgroup"), name(), vci == null ? null : "Linux-VServer VCI " + vci,
                readOnlyReason().map(List::of).orElse(List.of()));
    }

    @Override
    public void start(GuestSpec guest) {
        String op = "start";
        tools.runChecked(op, guest, commands.guestCommand(op, guest, "start"), timeouts.startStop());
        if (!isRunning(guest)) {
            throw new HostOperationException(op, guest.name(),
                    "vserver start ended without error but " + guest.name() + " is not running");
        }
    }

    @Override
    public void stop(GuestSpec guest, Duration timeout) {
        String op = "stop";
        // The script's own TERM/KILL sequence runs inside the command, hence the added allowance.
        Duration limit = timeout.plus(timeouts.startStop());
        tools.runChecked(op, guest, commands.guestCommand(op, guest, "stop"), limit);
        if (isRunning(guest)) {
            throw new HostOperationException(op, guest.name(),
                    "vserver stop ended without error but " + guest.name() + " is still running");
        }
    }

    @Override
    public void restart(GuestSpec guest, Duration timeout) {
        String op = "restart";
        Duration limit = timeout.plus(timeouts.startStop()).plus(timeouts.startStop());
        tools.runChecked(op, guest, commands.guestCommand(op, guest, "restart"), limit);
        if (!isRunning(guest)) {
            throw new HostOperationException(op, guest.name(),
                    "vserver restart ended without error but " + guest.name() + " is not running");
        }
    }

    /** {@code vserver status} exits 0 when running and 3 when stopped; anything else is an error. */
    @Override
    public boolean isRunning(GuestSpec guest) {
        String op = "status";
        CommandResult result = tools.run(op, guest, commands.guestCommand(op, guest, "status"), timeouts.query());
        return switch (result.exitCode()) {
            case STATUS_RUNNING -> true;
            case STATUS_STOPPED -> false;
            default -> throw tools.failure(op, guest, result);
        };
    }

    @Override
    public Map<Integer, ContextFigures> figures(List<GuestSpec> guests) {
        var xids = guests.stream().map(GuestSpec::xid).collect(Collectors.toSet());
        return contexts.all(guests).entrySet().stream()
                .filter(e -> xids.contains(e.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public Map<Integer, ContextFigures> otherContexts(List<GuestSpec> guests) {
        return contexts.others(guests);
    }

    @Override
    public java.util.OptionalInt dynamicContext(Path configDir) {
        return contexts.dynamicContext(configDir);
    }

    @Override
    public Optional<ContextDetails> contextDetails(GuestSpec guest) {
        return contexts.details(guest);
    }

    @Override
    public ExecResult exec(GuestSpec guest, List<String> argv, Consumer<String> output, Duration timeout) {
        String op = "exec";
        List<String> command = commands.exec(guest, argv);
        CommandResult result = tools.stream(op, guest, command, timeout, output);
        if (result.timedOut()) {
            return new ExecResult(-1, true);
        }
        if (result.exitCode() != 0 && EXEC_REFUSALS.stream().anyMatch(result.stderr()::contains)) {
            throw tools.failure(op, guest, result);
        }
        return new ExecResult(result.exitCode(), false);
    }

    /** {@code vserver NAME enter} under a pty, as an admin on the host would type it. */
    @Override
    public TerminalSession openTerminal(GuestSpec guest, TerminalSize size) {
        Map<String, String> environment = new java.util.HashMap<>(tools.environment());
        environment.put("TERM", "xterm-256color");
        try {
            return PtyProcess.start(commands.enter(guest), environment, size);
        } catch (IOException e) {
            throw new HostOperationException("terminal", guest.name(), Formats.reason(e), e);
        }
    }

    @Override
    public List<GuestProcess> processes(GuestSpec guest) {
        String op = "processes";
        CommandResult result = tools.runChecked(op, guest, commands.processes(), timeouts.query());
        try {
            VpsParser.Result parsed = new VpsParser(System.currentTimeMillis()).parse(result.stdout(), guest.xid());
            if (parsed.skippedRows() > 0) {
                LOG.warn("vps: {} unreadable row(s) skipped while listing processes of {}", parsed.skippedRows(),
                        guest.name());
            }
            return parsed.processes();
        } catch (VpsParser.UnreadableOutputException e) {
            throw new HostOperationException(op, guest.name(), "cannot read the output of vps: " + e.getMessage(), e);
        }
    }

    @Override
    public void kill(GuestSpec guest, int pid, int signal) {
        String op = "kill";
        tools.runChecked(op, guest, commands.kill(guest, pid, signal), timeouts.change());
    }

    /** vlimit exits 0 even when the kernel refuses (it only prints {@code vc_set_rlimit(): …}). */
    @Override
    public void setLimitLive(GuestSpec guest, String limitName, LimitValues values) {
        String op = "set limit";
        CommandResult result = tools.runChecked(op, guest, commands.setLimit(guest, limitName, values), timeouts.change());
        if (result.stderr().contains("vc_set_rlimit") || result.stdout().contains("vc_set_rlimit")) {
            throw new HostOperationException(op, guest.name(),
                    "the kernel refused limit " + limitName + ": " + result.ownMessage());
        }
    }

    @Override
    public void remountTmp(GuestSpec guest, String size) {
        String op = "remount /tmp";
        tools.runChecked(op, guest, commands.remountTmp(guest, size), timeouts.change());
    }

    /** vserver-build writes the config dir and refuses an existing one (reference §4.2). */
    @Override
    public boolean buildMakesConfigDirectory() {
        return true;
    }

    @Override
    public void buildRoot(GuestSpec guest, BuildRequest request, org.vsconsole.host.BuildProgress log) {
        String op = "build";
        if (!request.setup().equals(BuildRequest.GuestSetup.NONE)) {
            // vserver-build has no options for these; refusing beats a guest without the password asked for
            throw new HostOperationException(op, guest.name(), "root password, SSH keys, packages and a post-install"
                    + " command are set up only on stock-kernel hosts (linux driver); build without them and use"
                    + " 'vserver " + guest.name() + " enter' or package updates afterwards");
        }
        tools.requireSuccess(op, guest, tools.stream(op, guest, commands.build(guest, request), timeouts.build(), log));
    }

    @Override
    public void deleteRoot(GuestSpec guest) {
        String op = "delete root";
        if (isRunning(guest)) {
            throw new HostOperationException(op, guest.name(), guest.name() + " is running; stop it first");
        }
        try {
            rootRemover.remove(guest.rootDir());
        } catch (IOException e) {
            throw new HostOperationException(op, guest.name(), Formats.reason(e), e);
        }
    }

    /** util-vserver leaves a tree root-owned and unshifted; it moves as it is. */
    @Override
    public java.io.InputStream exportTree(GuestSpec guest, org.vsconsole.host.TreePass pass) {
        if (pass.needsStopped() && isRunning(guest)) {
            throw new HostOperationException("export", guest.name(), guest.name() + " is running; it is copied stopped");
        }
        try {
            return org.vsconsole.host.TreeArchive.export(guest.rootDir(), pass);
        } catch (IOException e) {
            throw new HostOperationException("export", guest.name(), Formats.reason(e), e);
        }
    }

    @Override
    public long importTree(GuestSpec guest, java.io.InputStream archive, org.vsconsole.host.TreePass pass,
            java.util.function.BooleanSupplier cancelled, java.util.function.LongConsumer progress) {
        try {
            return org.vsconsole.host.TreeArchive.extract(guest.rootDir(), archive, pass, cancelled, progress, rootRemover);
        } catch (IOException e) {
            throw new HostOperationException("import", guest.name(), Formats.reason(e), e);
        }
    }

    /**
     * util-vserver applies {@code dlimits/} itself when the guest starts ({@code vdlimit} in
     * {@code vserver … start}); the console does not read the kernel's disk limits back here.
     */
    @Override
    public DiskQuotaState diskQuota(GuestSpec guest) {
        if (guest.diskLimit() == null) {
            return DiskQuotaState.notEnforced("no disk limit set");
        }
        return new DiskQuotaState(true, "applied by util-vserver (vdlimit) when the guest starts",
                DiskQuotaState.UNKNOWN, DiskQuotaState.UNKNOWN, guest.diskLimit().spaceKiB(), guest.diskLimit().inodes());
    }
}
