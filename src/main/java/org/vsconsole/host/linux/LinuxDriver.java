package org.vsconsole.host.linux;

import org.vsconsole.base.Formats;
import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsconsole.host.TreeRemover;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.process.HostTools;
import org.vsconsole.host.BuildProgress;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.HostAptSources;
import org.vsconsole.host.ContextDetails;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.proc.HostContextReader;
import org.vsconsole.host.proc.MachineUnits;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostFacts;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;
import org.vsconsole.host.quota.ProjectQuota;

/**
 * Runs guests on a stock kernel as unprivileged LXC containers: each guest's ids 0..65535 are an
 * unprivileged host range derived from its context ({@link IdRange}), its tree is owned by that
 * range, and its container's cgroup is {@code <parent>/<xid>} under every controller, where the
 * limits are set and the figures read. The LXC configuration is generated from the guest's
 * config tree at every start ({@link ContainerConfig}). Nothing about a running guest is kept in
 * this object; each call asks the kernel, so a restarted console finds its guests again.
 *
 * <p>Longer than the 300 lines a class here should keep to, on purpose: it is the whole
 * {@link HostDriver} port for this kernel, and each operation is a few lines of checks and
 * orchestration over this package's small parts (cgroups, LXC, the bridge, generated files,
 * builds, quotas). Splitting it by operation would spread the one rule every operation keeps
 * (check the guest's own context first, ask the kernel, fail naming the guest) over many classes.
 */
public final class LinuxDriver implements HostDriver {

    private static final Logger log = LoggerFactory.getLogger(LinuxDriver.class);

    private static final Path PROC = Path.of("/proc");
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Duration INIT_WAIT = Duration.ofSeconds(5);
    private static final Duration HALT_RESEND = Duration.ofMillis(200);
    /** LXC's default halt signal; sysvinit, busybox init and the skeleton init power off on it. */
    private static final int SIGPWR = 30;
    /** systemd's halt, as LXC's configs for systemd guests set {@code lxc.signal.halt}. */
    private static final int SIGRTMIN_PLUS_3 = 37;

    private final Path guestsRoot;
    private final Path cgroupRoot;
    private final Path runDir;
    private final LinuxDriverSettings settings;
    private final Optional<CgroupTree> cgroups;
    private final LxcTools lxc;
    private final SubordinateIds subordinateIds;
    private final Optional<Path> tmpfsHelper;
    private final String tmpfsHelperProblem;
    private final Optional<String> ip;
    private final Optional<String> nft;
    private final TreeRemover remover = new TreeRemover(PROC.resolve("self/mountinfo"));
    private final GuestPackageCache packageCache;
    private final ContainerFiles containerFiles;
    /** The host as context 0, walked at most every few seconds. */
    private final HostContextReader hostRow = new HostContextReader(PROC, MachineUnits.DEFAULT, HOST_ROW_AGE);
    private static final Duration HOST_ROW_AGE = Duration.ofSeconds(5);

    public LinuxDriver(Path cgroupRoot, Path guestsRoot, Path runDir, LinuxDriverSettings settings) {
        this.guestsRoot = guestsRoot.toAbsolutePath().normalize();
        this.cgroupRoot = cgroupRoot;
        this.runDir = runDir.toAbsolutePath().normalize();
        this.settings = settings;
        this.cgroups = CgroupTree.detect(cgroupRoot, settings.cgroupParent());
        this.lxc = new LxcTools(this.runDir.resolve("lxc"), settings.commandTimeout());
        this.subordinateIds = SubordinateIds.system();
        this.ip = HostTools.find("ip");
        this.nft = HostTools.find("nft");
        Optional<Path> helper;
        String problem = "this build carries no vsc-tmpfs helper (build with Maven and gcc)";
        try {
            helper = TmpfsHelper.install(this.runDir);
        } catch (IOException e) {
            helper = Optional.empty();
            problem = "cannot install the vsc-tmpfs helper into " + this.runDir + ": " + e.getMessage();
        }
        this.tmpfsHelper = helper;
        this.tmpfsHelperProblem = problem;
        this.packageCache = new GuestPackageCache(settings, this.runDir, ip.isPresent() && nft.isPresent(), this::network);
        this.containerFiles = new ContainerFiles(lxc, settings, this.runDir);
    }

    @Override
    public String name() {
        return "linux";
    }

    /** Guests here sit on the console's bridge, whatever device they named where they were. */
    @Override
    public Optional<String> guestDevice() {
        return Optional.of(settings.bridge());
    }

    @Override
    public HostFacts facts() {
        return LinuxFacts.read(cgroupRoot, readOnlyReason(), tmpfsHelper.isPresent() ? Optional.empty() : Optional.of(tmpfsHelperProblem));
    }

    @Override
    public Optional<String> readOnlyReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the console does not run as root");
        }
        if (cgroups.isEmpty()) {
            return Optional.of("no usable cgroup hierarchy (pids, memory and cpuacct on v1, or pids and memory on v2)");
        }
        Optional<String> missing = LxcTools.missing();
        if (missing.isPresent()) {
            return Optional.of(missing.get() + " is not installed: guests run as LXC containers (apt-get install lxc uidmap)");
        }
        if (ip.isEmpty() || nft.isEmpty()) {
            return Optional.of("ip (iproute2) and nft (nftables) are needed for the guests' network");
        }
        Optional<String> ids = subordinateIds.problem(new IdRange(IdRange.FIRST), IdRange.TOTAL);
        if (ids.isPresent()) {
            return ids;
        }
        if (tmpfsHelper.isEmpty()) {
            return Optional.of(tmpfsHelperProblem);
        }
        return Optional.empty();
    }

    @Override
    public void start(GuestSpec guest) {
        CgroupTree tree = ready("start", guest);
        GuestInput.check("start", guest);
        Path root = guest.rootDir();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw fail("start", guest, "guest root " + root + " does not exist");
        }
        if (!tree.pids(guest.xid()).isEmpty()) {
            String owner = owner(guest.xid());
            throw fail("start", guest, owner == null || owner.equals(guest.name())
                    ? "guest is already running"
                    : "context " + guest.xid() + " is in use by the running guest " + owner);
        }
        checkDevices(guest);
        IdRange ids = IdRange.forContext(guest.xid()); // granted to root: readOnlyReason checked every range
        checkReachable(guest, ids);
        BridgeNetwork network = network();
        String container = container(guest);
        try {
            tree.removeLeftovers(guest.xid());
            TreeOwnership.shift(root, ids);
            ProjectQuota.host().apply(guest); // the tree is final and nothing in it runs yet
            containerFiles.write(guest, tree, ids, network);
            if (!guest.interfaces().isEmpty()) {
                network.addPort(guest);
            }
            lxc.start(guest.name(), container, rlimits(guest));
            int init = awaitInit(tree, guest);
            network.announce(guest, init);
            if (!guest.interfaces().isEmpty()) {
                packageCache.startFor(guest); // after a host reboot the first guest start brings it back
            }
        } catch (IOException | RuntimeException e) {
            HostOperationException failure = e instanceof HostOperationException hoe
                    ? hoe
                    : fail("start", guest, Formats.reason(e));
            try {
                if (!tree.pids(guest.xid()).isEmpty()) {
                    lxc.kill(guest.name(), container);
                }
                network.removePort(guest);
                tree.removeLeftovers(guest.xid());
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup); // the start failure is what the user must read
            }
            throw failure;
        }
    }

    @Override
    public void stop(GuestSpec guest, Duration timeout) {
        CgroupTree tree = ready("stop", guest);
        requireOwnContext("stop", guest, tree);
        String container = container(guest);
        if (!tree.pids(guest.xid()).isEmpty()) {
            halt(tree, guest, System.nanoTime() + timeout.toNanos());
            if (!tree.pids(guest.xid()).isEmpty()) {
                lxc.kill(guest.name(), container);
                waitForEmpty(tree, guest.xid(), System.nanoTime() + KILL_WAIT.toNanos());
            }
            List<Integer> left = tree.pids(guest.xid());
            if (!left.isEmpty()) {
                throw fail("stop", guest, "processes " + left + " survived SIGKILL");
            }
            lxc.awaitStopped(guest.name(), container); // its monitor removes the cgroups and the veth
        }
        network().removePort(guest);
        tree.removeLeftovers(guest.xid());
    }

    /**
     * Sends the guest's init the signal LXC would ({@code lxc-stop} polls for the end in half
     * seconds, this follows the cgroup), again while it has not set its handler yet (pid 1
     * ignores signals it does not handle), until the context is empty or the deadline passes.
     */
    private void halt(CgroupTree tree, GuestSpec guest, long deadlineNanos) {
        Optional<Integer> init = initPid(tree.pids(guest.xid()));
        if (init.isEmpty()) {
            return;
        }
        int signal = systemdRuns(init.get()) ? SIGRTMIN_PLUS_3 : SIGPWR;
        while (!tree.pids(guest.xid()).isEmpty() && System.nanoTime() < deadlineNanos) {
            try {
                LibC.INSTANCE.kill(init.get(), signal);
            } catch (LastErrorException e) {
                return; // ESRCH: init is gone, the kernel ends the rest of its namespace
            }
            waitForEmpty(tree, guest.xid(), Math.min(deadlineNanos, System.nanoTime() + HALT_RESEND.toNanos()));
        }
    }

    private static boolean systemdRuns(int pid) {
        try {
            return Files.readString(PROC.resolve(pid + "/comm")).strip().equals("systemd");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean isRunning(GuestSpec guest) {
        return cgroups.map(tree -> !tree.pids(guest.xid()).isEmpty() && ownedBy(guest)).orElse(false);
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
                if (!pids.isEmpty() && ownedBy(guest)) {
                    FiguresReader.read(PROC, tree, guest.xid(), pids, initPid(pids), uptime)
                            .ifPresent(f -> result.put(guest.xid(), f));
                }
            }
        } catch (IOException e) {
            throw new HostOperationException("figures", null, "cannot read context figures: " + e.getMessage(), e);
        }
        return result;
    }

    @Override
    public Optional<ContextDetails> contextDetails(GuestSpec guest) {
        if (cgroups.isEmpty()) {
            return Optional.empty();
        }
        CgroupTree tree = cgroups.get();
        ContextFigures figures = figures(List.of(guest)).get(guest.xid());
        if (figures == null) {
            return Optional.empty();
        }
        try {
            String source = "cgroup " + settings.cgroupParent() + "/" + guest.xid() + " (" + tree.version() + ")";
            return Optional.of(LinuxContextDetails.of(guest.xid(), source, tree.figures(guest.xid()), figures));
        } catch (IOException e) {
            throw new HostOperationException("context details", guest.name(), "cannot read the context's cgroup: " + e.getMessage(), e);
        }
    }

    /** Contexts under the parent that no guest names, and the host's processes outside every context as 0. */
    @Override
    public Map<Integer, ContextFigures> otherContexts(List<GuestSpec> guests) {
        if (cgroups.isEmpty()) {
            return Map.of();
        }
        CgroupTree tree = cgroups.get();
        java.util.Set<Integer> guestXids = new java.util.HashSet<>();
        guests.forEach(g -> guestXids.add(g.xid()));
        java.util.Set<Integer> contextPids = new java.util.HashSet<>();
        Map<Integer, ContextFigures> others = new java.util.TreeMap<>();
        try {
            double uptime = ProcStat.uptimeSeconds(PROC);
            for (int xid : tree.contexts()) {
                List<Integer> pids = tree.pids(xid);
                contextPids.addAll(pids);
                if (!pids.isEmpty() && !guestXids.contains(xid)) {
                    FiguresReader.read(PROC, tree, xid, pids, initPid(pids), uptime).ifPresent(f -> others.put(xid, f));
                }
            }
        } catch (IOException e) {
            throw new HostOperationException("figures", null, "cannot read context figures: " + e.getMessage(), e);
        }
        hostRow.outside(contextPids::contains).ifPresent(f -> others.put(0, f));
        return others;
    }

    @Override
    public ExecResult exec(GuestSpec guest, List<String> argv, Consumer<String> output, Duration timeout) {
        CgroupTree tree = ready("exec", guest);
        if (argv.isEmpty()) {
            throw fail("exec", guest, "no command given");
        }
        runningInit(tree, guest, "exec");
        return lxc.attach(guest.name(), container(guest), rlimits(guest), argv, output, timeout);
    }

    @Override
    public TerminalSession openTerminal(GuestSpec guest, TerminalSize size) {
        CgroupTree tree = ready("terminal", guest);
        runningInit(tree, guest, "terminal");
        return lxc.terminal(guest.name(), container(guest), rlimits(guest), size);
    }

    @Override
    public List<GuestProcess> processes(GuestSpec guest) {
        CgroupTree tree = ready("processes", guest);
        requireOwnContext("processes", guest, tree);
        return ProcessLister.list(PROC, guest.rootDir(), IdRange.forContext(guest.xid()), tree.pids(guest.xid()));
    }

    @Override
    public void kill(GuestSpec guest, int pid, int signal) {
        CgroupTree tree = ready("kill", guest);
        requireOwnContext("kill", guest, tree);
        if (signal < 0 || signal > 64) {
            throw fail("kill", guest, "invalid signal " + signal);
        }
        if (pid <= 0 || !tree.pids(guest.xid()).contains(pid)) {
            throw fail("kill", guest, "process " + pid + " does not belong to this guest");
        }
        try {
            LibC.INSTANCE.kill(pid, signal);
        } catch (LastErrorException e) {
            throw fail("kill", guest, "kill " + pid + ": " + e.getMessage());
        }
    }

    @Override
    public void setLimitLive(GuestSpec guest, String limitName, LimitValues values) {
        CgroupTree tree = ready("limit", guest);
        runningInit(tree, guest, "limit");
        try {
            switch (limitName) {
                case "nproc" -> tree.setPidsMax(guest.xid(), ContainerConfig.cgroupLimit(values));
                case "rss" -> tree.setMemoryLimit(guest.xid(), pagesToBytes(ContainerConfig.cgroupLimit(values)));
                default -> {
                    if (!Rlimits.handles(limitName)) {
                        throw fail("limit", guest, "limit " + limitName + " cannot be set on this host");
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
                    // lxc-attach gives each exec the limits of the container's configuration
                    containerFiles.patch(guest, "lxc.prlimit." + limitName + " ", ContainerConfig.prlimitLine(limitName, values));
                }
            }
        } catch (IOException | LastErrorException e) {
            throw fail("limit", guest, "cannot set " + limitName + ": " + e.getMessage());
        }
    }

    @Override
    public void remountTmp(GuestSpec guest, String size) {
        CgroupTree tree = ready("remount", guest);
        if (!HostGrammar.isTmpfsSizeOption(size)) {
            throw fail("remount", guest, "invalid tmpfs size: " + size);
        }
        int init = runningInit(tree, guest, "remount");
        LinuxCommands.run("remount", guest.name(), List.of(tmpfsHelper.orElseThrow().toString(), "--pid",
                Integer.toString(init), "--size", size), settings.commandTimeout());
    }

    @Override
    public void buildRoot(GuestSpec guest, BuildRequest request, BuildProgress progress) {
        checkInsideGuestsRoot("build", guest);
        try {
            opensToGuests(guestsRoot);
            HostAptSources mirrors = HostAptSources.ofHost();
            String proxy = packageCache.proxyFor(guest, progress, mirrors);
            RootBuilder builder = new RootBuilder(guestsRoot,
                    new SkeletonBuilder(settings.busybox(), settings.commandTimeout()), settings.buildTimeout(),
                    new BaseTreeCache(packageCache.cacheDir(), settings.cache().treeMaxAge(), settings.buildTimeout()), proxy);
            builder.build(guest, request, progress);
            GuestTreeSetup setup = GuestTreeSetup.of(guest.rootDir());
            setup.identity(guest);
            boolean debian = request.method() == BuildRequest.Method.DEBOOTSTRAP;
            if (debian) {
                setup.sysvinit();
            }
            setup.access(request.setup());
            setup.apt(debian ? request.dist() : null, request.mirror(), mirrors.debianSecurityMirror(), proxy);
            if (guest.xid() > 0) {
                long shifted = TreeOwnership.shift(guest.rootDir(), IdRange.forContext(guest.xid()));
                progress.accept("gave " + shifted + " files to the guest's own ids from " + IdRange.forContext(guest.xid()).base());
            }
        } catch (IOException e) {
            throw fail("build", guest, "cannot build " + guest.rootDir() + ": " + e.getMessage());
        }
    }

    @Override
    public void deleteRoot(GuestSpec guest) {
        checkInsideGuestsRoot("delete", guest);
        Path root = guest.rootDir();
        if (isRunning(guest)) {
            throw fail("delete", guest, "stop the guest before deleting its tree");
        }
        try {
            remover.remove(root);
            if (guest.name().equals(owner(guest.xid()))) { // its generated container goes with it
                remover.remove(lxc.lxcPath().resolve(container(guest)));
            }
        } catch (IOException e) {
            throw fail("delete", guest, Formats.reason(e));
        }
    }

    @Override
    public java.io.InputStream exportTree(GuestSpec guest, org.vsconsole.host.TreePass pass) {
        checkInsideGuestsRoot("export", guest);
        if (pass.needsStopped() && isRunning(guest)) {
            throw fail("export", guest, "the guest is running; this pass is copied stopped");
        }
        try {
            return org.vsconsole.host.TreeArchive.export(guest.rootDir(), pass);
        } catch (IOException e) {
            throw fail("export", guest, Formats.reason(e));
        }
    }

    @Override
    public long importTree(GuestSpec guest, java.io.InputStream archive, org.vsconsole.host.TreePass pass,
            java.util.function.BooleanSupplier cancelled, java.util.function.LongConsumer progress) {
        checkInsideGuestsRoot("import", guest);
        if (pass == org.vsconsole.host.TreePass.FINAL && isRunning(guest)) {
            throw fail("import", guest, "the guest runs here; a final pass is unpacked into a stopped copy");
        }
        try {
            return org.vsconsole.host.TreeArchive.extract(guest.rootDir(), archive, pass, cancelled, progress, remover);
        } catch (IOException e) {
            throw fail("import", guest, Formats.reason(e));
        }
    }

    @Override
    public DiskQuotaState diskQuota(GuestSpec guest) {
        return ProjectQuota.host().state(guest);
    }

    @Override
    public DiskQuotaState applyDiskQuota(GuestSpec guest) {
        return ProjectQuota.host().apply(guest);
    }

    // --- helpers

    private CgroupTree ready(String operation, GuestSpec guest) {
        readOnlyReason().ifPresent(reason -> {
            throw fail(operation, guest, "guests cannot be run here: " + reason);
        });
        return cgroups.orElseThrow();
    }

    private BridgeNetwork network() {
        return new BridgeNetwork(ip.orElseThrow(), nft.orElseThrow(), settings, runDir);
    }

    @Override
    public LimitValues liveAtStart(String limitName, @Nullable LimitValues saved) {
        if (saved == null) {
            return Rlimits.handles(limitName) && !Rlimits.CAN_RAISE
                    ? LimitValues.both(Rlimits.ownHard(limitName))
                    : LimitValues.both(LimitValues.UNLIMITED);
        }
        return ContainerConfig.liveOfSaved(limitName, saved);
    }

    /** The guest's rlimits as prlimit options for what starts it or runs in it. */
    private static List<String> rlimits(GuestSpec guest) {
        return Rlimits.prlimitOptions(guest.rlimits(), Rlimits.CAN_RAISE, Rlimits::ownHard);
    }

    /** One container per context: two guests claiming one context can never both run. */
    static String container(GuestSpec guest) {
        return "vs" + guest.xid();
    }

    /** The guest whose container last ran this context, from the generated config's first line. */
    private @Nullable String owner(int xid) {
        try {
            String text = Files.readString(lxc.configFile("vs" + xid), StandardCharsets.UTF_8);
            return ContainerConfig.owner(text);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new HostOperationException("lxc", null, "cannot read the container of context " + xid + ": " + e.getMessage(), e);
        }
    }

    private boolean ownedBy(GuestSpec guest) {
        String owner = owner(guest.xid());
        return owner == null || owner.equals(guest.name());
    }

    /** Refuses to act on a context that another guest's container runs in. */
    private void requireOwnContext(String operation, GuestSpec guest, CgroupTree tree) {
        if (!tree.pids(guest.xid()).isEmpty() && !ownedBy(guest)) {
            throw fail(operation, guest, "context " + guest.xid() + " is in use by the running guest " + owner(guest.xid()));
        }
    }

    /**
     * A guest on this host sits on the console's bridge; {@code interfaces/<n>/dev} may name it or
     * any device the host has (as util-vserver guests do), but not one that does not exist.
     */
    private void checkDevices(GuestSpec guest) {
        for (GuestSpec.Address address : guest.interfaces()) {
            String dev = address.dev();
            if (dev != null && !dev.equals(settings.bridge())
                    && (!dev.matches("[A-Za-z0-9_.-]{1,15}") || !Files.exists(Path.of("/sys/class/net", dev)))) {
                throw fail("start", guest, "interfaces: the host device '" + dev + "' for " + address.ip()
                        + " does not exist (guests here sit on the bridge " + settings.bridge() + ")");
            }
        }
    }

    /** LXC opens the tree as the guest's root, an unprivileged host user: every folder above must let it pass. */
    private static void checkReachable(GuestSpec guest, IdRange ids) {
        for (Path dir = guest.rootDir().getParent(); dir != null; dir = dir.getParent()) {
            try {
                int mode = (Integer) Files.getAttribute(dir, "unix:mode");
                if ((mode & 01) == 0) {
                    throw fail("start", guest, "the guest's root (host uid " + ids.base() + ") cannot pass " + dir
                            + ": it has no execute bit for others (chmod o+x " + dir + ")");
                }
            } catch (IOException e) {
                throw fail("start", guest, "cannot check " + dir + ": " + e.getMessage());
            }
        }
    }

    private int awaitInit(CgroupTree tree, GuestSpec guest) {
        long deadline = System.nanoTime() + INIT_WAIT.toNanos();
        do {
            Optional<Integer> init = initPid(tree.pids(guest.xid()));
            if (init.isPresent()) {
                return init.get();
            }
            sleepBriefly();
        } while (System.nanoTime() < deadline);
        throw fail("start", guest, "the container started but its init did not appear");
    }

    private static long pagesToBytes(long pages) {
        return pages == LimitValues.UNLIMITED ? pages : Math.multiplyExact(pages, Rlimits.PAGE_SIZE);
    }

    private int runningInit(CgroupTree tree, GuestSpec guest, String operation) {
        requireOwnContext(operation, guest, tree);
        return initPid(tree.pids(guest.xid())).orElseThrow(() -> fail(operation, guest, "guest is not running"));
    }

    /** The host pid of the context's pid 1: the kernel's word, so it holds after a console restart. */
    private static Optional<Integer> initPid(List<Integer> pids) {
        return pids.stream().filter(LinuxDriver::isNamespaceInit).findFirst();
    }

    private static boolean isNamespaceInit(int pid) {
        return ProcStatus.read(PROC, pid).map(s -> s.guestPid() == 1).orElse(false);
    }

    private static boolean waitForEmpty(CgroupTree tree, int xid, long deadlineNanos) {
        while (!tree.pids(xid).isEmpty()) {
            if (System.nanoTime() >= deadlineNanos || Thread.currentThread().isInterrupted()) {
                return false;
            }
            sleepBriefly();
        }
        return true;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Guests' roots must pass through the guests root, not list it: execute for others, nothing more. */
    private static void opensToGuests(Path dir) throws IOException {
        Files.createDirectories(dir);
        int mode = (Integer) Files.getAttribute(dir, "unix:mode");
        if ((mode & 01) == 0) {
            LibC.INSTANCE.chmod(dir.toString(), (mode & 07777) | 011);
        }
    }

    private void checkInsideGuestsRoot(String operation, GuestSpec guest) {
        Path root = guest.rootDir().toAbsolutePath().normalize();
        if (!root.startsWith(guestsRoot) || root.equals(guestsRoot)) {
            throw fail(operation, guest, root + " is not inside " + guestsRoot);
        }
    }

    private static HostOperationException fail(String operation, GuestSpec guest, String message) {
        return new HostOperationException(operation, guest.name(), message);
    }
}
