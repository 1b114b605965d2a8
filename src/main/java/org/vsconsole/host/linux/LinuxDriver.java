package org.vsconsole.host.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;

/**
 * Runs guests on a stock kernel: namespaces for isolation, one cgroup per context for limits and
 * figures. Nothing about a running guest is kept in this object; each call asks the kernel.
 */
public final class LinuxDriver implements HostDriver {

    private static final Path PROC = Path.of("/proc");
    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;
    /** systemd powers off on SIGRTMIN+4; busybox init and the skeleton init end on SIGTERM. */
    private static final int SIGRTMIN_PLUS_4 = 38;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_RESEND = Duration.ofMillis(100);

    private final Path guestsRoot;
    private final Path runDir;
    private final LinuxDriverSettings settings;
    private final Optional<CgroupTree> cgroups;
    private final Optional<Path> launcher;
    private final String launcherProblem;
    private final Optional<String> nsenter;
    private final Optional<String> ip;
    private final TreeRemover remover = new TreeRemover(PROC.resolve("self/mountinfo"));

    public LinuxDriver(Path cgroupRoot, Path guestsRoot, Path runDir, LinuxDriverSettings settings) {
        this.guestsRoot = guestsRoot.toAbsolutePath().normalize();
        this.runDir = runDir.toAbsolutePath().normalize();
        this.settings = settings;
        this.cgroups = CgroupTree.detect(cgroupRoot, settings.cgroupParent());
        this.nsenter = HostTools.find("nsenter");
        this.ip = HostTools.find("ip");
        Optional<Path> helper;
        String problem = "this build carries no vsc-launch helper (build with Maven and gcc)";
        try {
            helper = LauncherBinary.install(this.runDir);
        } catch (IOException e) {
            helper = Optional.empty();
            problem = "cannot install the vsc-launch helper into " + this.runDir + ": " + e.getMessage();
        }
        this.launcher = helper;
        this.launcherProblem = problem;
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public Optional<String> readOnlyReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the console does not run as root");
        }
        if (cgroups.isEmpty()) {
            return Optional.of("no usable cgroup hierarchy (pids, memory and cpuacct on v1, or pids and memory on v2)");
        }
        if (launcher.isEmpty()) {
            return Optional.of(launcherProblem);
        }
        if (nsenter.isEmpty() || ip.isEmpty()) {
            return Optional.of("nsenter (util-linux) and ip (iproute2) are needed");
        }
        return Optional.empty();
    }

    @Override
    public void start(GuestSpec guest) {
        CgroupTree tree = ready("start", guest);
        GuestInput.check("start", guest);
        if (!Files.isDirectory(guest.rootDir(), LinkOption.NOFOLLOW_LINKS)) {
            throw new HostOperationException("start", guest.name(), "guest root " + guest.rootDir() + " does not exist");
        }
        if (isRunning(guest)) {
            throw new HostOperationException("start", guest.name(), "guest is already running");
        }
        NetworkSetup network = network();
        try {
            tree.create(guest.xid());
            applyCgroupLimits(tree, guest);
            GuestLauncher starter = new GuestLauncher(launcher.orElseThrow(), settings.commandTimeout());
            int initPid = starter.start(guest, tree.procsFiles(guest.xid()), pid -> {
                network.attach(guest, pid);
                for (String name : Rlimits.names()) {
                    LimitValues values = guest.rlimits().get(name);
                    if (values != null) {
                        Rlimits.apply(pid, name, values);
                    }
                }
            });
            Files.writeString(pidFile(guest), initPid + "\n");
        } catch (IOException | LastErrorException | HostOperationException e) {
            HostOperationException failure = e instanceof HostOperationException hoe ? hoe
                    : new HostOperationException("start", guest.name(), e.getMessage(), e);
            try {
                cleanUp(tree, guest, network);
            } catch (RuntimeException cleanupFailure) {
                failure.addSuppressed(cleanupFailure); // the start failure is what the user must read
            }
            throw failure;
        }
    }

    @Override
    public void stop(GuestSpec guest, Duration timeout) {
        CgroupTree tree = ready("stop", guest);
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Integer> init = initPid(tree, guest);
        Optional<ProcStat> initStat = init.flatMap(pid -> ProcStat.read(PROC, pid));
        long shutdownDeadline = System.nanoTime() + timeout.toNanos() / 2;
        if (init.isPresent()) {
            int signal = shutdownSignal(init.get());
            // repeated: an init that has not yet set its handler ignores the signal, being pid 1
            while (!tree.pids(guest.xid()).isEmpty() && System.nanoTime() < shutdownDeadline) {
                signal(init.get(), signal);
                waitForEmpty(tree, guest.xid(), Math.min(shutdownDeadline, System.nanoTime() + SHUTDOWN_RESEND.toNanos()));
            }
        }
        tree.pids(guest.xid()).forEach(pid -> signal(pid, SIGTERM));
        waitForEmpty(tree, guest.xid(), deadline);
        for (int round = 0; round < 3 && !tree.pids(guest.xid()).isEmpty(); round++) {
            tree.pids(guest.xid()).forEach(pid -> signal(pid, SIGKILL));
            waitForEmpty(tree, guest.xid(), System.nanoTime() + KILL_WAIT.toNanos());
        }
        List<Integer> left = tree.pids(guest.xid());
        if (!left.isEmpty()) {
            throw new HostOperationException("stop", guest.name(), "processes " + left + " survived SIGKILL");
        }
        initStat.ifPresent(stat -> waitUntilReaped(stat, System.nanoTime() + KILL_WAIT.toNanos()));
        cleanUp(tree, guest, network());
    }

    /**
     * The cgroup lets go of a process when it exits, but its launcher reaps it a moment later;
     * stop returns only once the init is gone from /proc too (same pid, same start time).
     */
    private static void waitUntilReaped(ProcStat init, long deadlineNanos) {
        while (ProcStat.read(PROC, init.pid()).filter(s -> s.startTicks() == init.startTicks()).isPresent()
                && System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
            sleepBriefly();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning(GuestSpec guest) {
        return cgroups.map(tree -> !tree.pids(guest.xid()).isEmpty()).orElse(false);
    }

    @Override
    public Map<Integer, ContextFigures> figures(List<GuestSpec> guests) {
        if (cgroups.isEmpty()) {
            return Map.of();
        }
        CgroupTree tree = cgroups.get();
        Map<Integer, ContextFigures> result = new LinkedHashMap<>();
        try {
            double uptime = ProcStat.uptimeSeconds(PROC);
            for (GuestSpec guest : guests) {
                List<Integer> pids = tree.pids(guest.xid());
                if (!pids.isEmpty()) {
                    FiguresReader.read(PROC, tree, guest.xid(), pids, initPid(guest, pids), uptime)
                            .ifPresent(f -> result.put(guest.xid(), f));
                }
            }
        } catch (IOException e) {
            throw new HostOperationException("figures", null, "cannot read context figures: " + e.getMessage(), e);
        }
        return result;
    }

    @Override
    public ExecResult exec(GuestSpec guest, List<String> argv, Consumer<String> output, Duration timeout) {
        CgroupTree tree = ready("exec", guest);
        if (argv.isEmpty()) {
            throw new HostOperationException("exec", guest.name(), "no command given");
        }
        int init = runningInit(tree, guest, "exec");
        List<String> command = launcherArgv(tree, guest, "enter");
        command.addAll(List.of("--pid", Integer.toString(init), "--"));
        command.addAll(argv);
        return CommandRunner.stream("exec", guest.name(), command, output, timeout);
    }

    @Override
    public List<GuestProcess> processes(GuestSpec guest) {
        CgroupTree tree = ready("processes", guest);
        return ProcessLister.list(PROC, guest.rootDir(), tree.pids(guest.xid()));
    }

    @Override
    public void kill(GuestSpec guest, int pid, int signal) {
        CgroupTree tree = ready("kill", guest);
        if (signal < 0 || signal > 64) {
            throw new HostOperationException("kill", guest.name(), "invalid signal " + signal);
        }
        if (pid <= 0 || !tree.pids(guest.xid()).contains(pid)) {
            throw new HostOperationException("kill", guest.name(), "process " + pid + " does not belong to this guest");
        }
        try {
            LibC.INSTANCE.kill(pid, signal);
        } catch (LastErrorException e) {
            throw new HostOperationException("kill", guest.name(), "kill " + pid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void setLimitLive(GuestSpec guest, String limitName, LimitValues values) {
        CgroupTree tree = ready("limit", guest);
        runningInit(tree, guest, "limit");
        try {
            switch (limitName) {
                case "nproc" -> tree.setPidsMax(guest.xid(), effective(values));
                case "rss" -> tree.setMemoryLimit(guest.xid(), pagesToBytes(effective(values)));
                default -> {
                    if (!Rlimits.handles(limitName)) {
                        throw new HostOperationException("limit", guest.name(),
                                "limit " + limitName + " cannot be set on this host");
                    }
                    for (int pid : tree.pids(guest.xid())) {
                        try {
                            Rlimits.apply(pid, limitName, values);
                        } catch (LastErrorException e) {
                            if (e.getErrorCode() != 3) { // ESRCH: the process ended meanwhile
                                throw e;
                            }
                        }
                    }
                }
            }
        } catch (IOException | LastErrorException e) {
            throw new HostOperationException("limit", guest.name(), "cannot set " + limitName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void remountTmp(GuestSpec guest, String size) {
        CgroupTree tree = ready("remount", guest);
        if (size == null || !GuestInput.SIZE.matcher(size).matches()) {
            throw new HostOperationException("remount", guest.name(), "invalid tmpfs size: " + size);
        }
        int init = runningInit(tree, guest, "remount");
        List<String> argv = launcherArgv(tree, guest, "remount-tmp");
        argv.addAll(List.of("--pid", Integer.toString(init), "--size", size));
        CommandRunner.run("remount", guest.name(), argv, settings.commandTimeout());
    }

    @Override
    public void buildRoot(GuestSpec guest, BuildRequest request, Consumer<String> log) {
        checkInsideGuestsRoot("build", guest);
        RootBuilder builder = new RootBuilder(guestsRoot,
                new SkeletonBuilder(settings.busybox(), settings.commandTimeout()), settings.buildTimeout());
        try {
            builder.build(guest, request, log);
        } catch (IOException e) {
            throw new HostOperationException("build", guest.name(), "cannot build " + guest.rootDir() + ": " + e, e);
        }
    }

    @Override
    public void deleteRoot(GuestSpec guest) {
        checkInsideGuestsRoot("delete", guest);
        Path root = guest.rootDir();
        if (isRunning(guest)) {
            throw new HostOperationException("delete", guest.name(), "stop the guest before deleting its tree");
        }
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(root)) {
            throw new HostOperationException("delete", guest.name(), root + " is a symlink; refusing to delete through it");
        }
        try {
            List<Path> mounts = remover.mountsInside(root);
            if (!mounts.isEmpty()) {
                throw new HostOperationException("delete", guest.name(),
                        "something is mounted inside the guest tree: " + mounts.getFirst() + " (unmount it first)");
            }
            List<Path> skipped = remover.delete(root);
            if (!skipped.isEmpty()) {
                throw new HostOperationException("delete", guest.name(),
                        "left " + skipped.getFirst() + " in place: it is on another file system");
            }
        } catch (IOException e) {
            throw new HostOperationException("delete", guest.name(), "cannot delete " + root + ": " + e, e);
        }
    }

    // --- helpers

    private CgroupTree ready(String operation, GuestSpec guest) {
        readOnlyReason().ifPresent(reason -> {
            throw new HostOperationException(operation, guest.name(), "guests cannot be run here: " + reason);
        });
        return cgroups.orElseThrow();
    }

    private NetworkSetup network() {
        return new NetworkSetup(ip.orElseThrow(), nsenter.orElseThrow(), settings.bridge(), settings.commandTimeout());
    }

    private void applyCgroupLimits(CgroupTree tree, GuestSpec guest) throws IOException {
        LimitValues nproc = guest.rlimits().get("nproc");
        tree.setPidsMax(guest.xid(), nproc == null ? LimitValues.UNLIMITED : effective(nproc));
        LimitValues rss = guest.rlimits().get("rss");
        tree.setMemoryLimit(guest.xid(), rss == null ? LimitValues.UNLIMITED : pagesToBytes(effective(rss)));
    }

    /** A cgroup has one limit: the hard one, or the soft one when only that is set. */
    private static long effective(LimitValues values) {
        return values.hard() != LimitValues.UNLIMITED ? values.hard() : values.soft();
    }

    private static long pagesToBytes(long pages) {
        return pages == LimitValues.UNLIMITED ? pages : Math.multiplyExact(pages, Rlimits.PAGE_SIZE);
    }

    /** The helper in one of its modes, told which cgroups to join before anything else. */
    private List<String> launcherArgv(CgroupTree tree, GuestSpec guest, String mode) {
        List<String> argv = new ArrayList<>(List.of(launcher.orElseThrow().toString(), mode));
        for (Path procs : tree.procsFiles(guest.xid())) {
            argv.addAll(List.of("--procs", procs.toString()));
        }
        return argv;
    }

    private int runningInit(CgroupTree tree, GuestSpec guest, String operation) {
        return initPid(tree, guest).orElseThrow(
                () -> new HostOperationException(operation, guest.name(), "guest is not running"));
    }

    /**
     * The host pid of the guest's init: the pid file is only a hint, trusted when the kernel
     * agrees (the pid is in the context and is pid 1 of its namespace); otherwise the context is
     * searched, which also serves a console restarted without its run-state directory.
     */
    private Optional<Integer> initPid(CgroupTree tree, GuestSpec guest) {
        return initPid(guest, tree.pids(guest.xid()));
    }

    private Optional<Integer> initPid(GuestSpec guest, List<Integer> pids) {
        try {
            int hint = Integer.parseInt(Files.readString(pidFile(guest)).trim());
            if (pids.contains(hint) && isNamespaceInit(hint)) {
                return Optional.of(hint);
            }
        } catch (IOException | NumberFormatException e) {
            // no usable hint: search below
        }
        return pids.stream().filter(LinuxDriver::isNamespaceInit).findFirst();
    }

    private static boolean isNamespaceInit(int pid) {
        return ProcStatus.read(PROC, pid).map(s -> s.guestPid() == 1).orElse(false);
    }

    private static int shutdownSignal(int init) {
        try {
            String comm = Files.readString(PROC.resolve(init + "/comm")).strip();
            return comm.equals("systemd") ? SIGRTMIN_PLUS_4 : SIGTERM;
        } catch (IOException e) {
            return SIGTERM;
        }
    }

    private static void signal(int pid, int signal) {
        try {
            LibC.INSTANCE.kill(pid, signal);
        } catch (LastErrorException e) {
            // ESRCH: it ended on its own, which is what we wanted
        }
    }

    private static void waitForEmpty(CgroupTree tree, int xid, long deadlineNanos) {
        while (!tree.pids(xid).isEmpty() && System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
            sleepBriefly();
        }
    }

    /** Removes the cgroups, veth and pid file; the kernel may need a moment to release the cgroup. */
    private void cleanUp(CgroupTree tree, GuestSpec guest, NetworkSetup network) {
        tree.pids(guest.xid()).forEach(pid -> signal(pid, SIGKILL));
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        IOException last = null;
        do {
            try {
                tree.remove(guest.xid());
                last = null;
                break;
            } catch (IOException e) {
                last = e;
                waitForEmpty(tree, guest.xid(), System.nanoTime() + 20_000_000L);
            }
        } while (System.nanoTime() < deadline);
        try {
            Files.deleteIfExists(pidFile(guest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        network.detach(guest);
        if (last != null) {
            throw new HostOperationException("stop", guest.name(), "cannot remove the context's cgroup: " + last.getMessage());
        }
    }

    private Path pidFile(GuestSpec guest) {
        return runDir.resolve(guest.xid() + ".pid");
    }

    private void checkInsideGuestsRoot(String operation, GuestSpec guest) {
        Path root = guest.rootDir().toAbsolutePath().normalize();
        if (!root.startsWith(guestsRoot) || root.equals(guestsRoot)) {
            throw new HostOperationException(operation, guest.name(), root + " is not inside " + guestsRoot);
        }
    }

}
