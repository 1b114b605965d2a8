package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestSpec;

/**
 * A hostile guest's attempts on its host, against real skeleton guests: each test does what an
 * attacker inside would try and asserts what the attacker would check to see whether it worked.
 * Needs root, cgroups, LXC, nftables, busybox-static and gcc with a static libc.
 *
 * <p>Its own cgroup parent, bridge and pool ({@value #PARENT}, {@value #BRIDGE}, {@value #POOL}) and
 * XIDs 4400..4499, so it never meets LinuxDriverIT's guests. Network traffic goes only to addresses
 * of that pool on that bridge, and only once a started guest has put the gateway on it. A guest's
 * address is 10.232.0.(xid - 4400).
 *
 * <p>Lines starting with {@code [hostile]} on standard output are the observed results (errno,
 * values) for the record.
 */
class HostileGuestIT {

    static final String PARENT = "vsconsole-hostile";
    static final String BRIDGE = "vsbrhost0";
    static final String POOL = "10.232.0.0/24";
    static final String GATEWAY = "10.232.0.1";

    private static final Pattern PROBE_LINE = Pattern.compile("^(\\w+): (refused errno=(\\d+)|ALLOWED)$",
            Pattern.MULTILINE);

    @TempDir
    static Path probeDir;
    private static Path probe;

    private GuestSandbox sandbox;
    private LinuxDriver driver;

    /** The C probe, built once per run: static, so it runs in a busybox skeleton without a libc. */
    @BeforeAll
    static void compileProbe() throws Exception {
        Path source = probeDir.resolve("hostile-probe.c");
        try (InputStream in = HostileGuestIT.class.getResourceAsStream("hostile-probe.c")) {
            Files.copy(in, source);
        }
        probe = probeDir.resolve("probe");
        Run gcc = host(Duration.ofMinutes(2), "gcc", "-static", "-O2", "-o", probe.toString(), source.toString());
        assertThat(gcc.exit()).as(gcc.out()).isZero();
    }

    @BeforeEach
    void setUp() throws Exception {
        sandbox = new GuestSandbox(PARENT, BRIDGE, POOL);
        driver = sandbox.driver;
        assertThat(driver.readOnlyReason()).isEmpty();
    }

    @AfterEach
    void tearDown() throws Exception {
        sandbox.close();
    }

    // --- 1. guest root is not host root

    @Test
    void guestRootIsAnUnprivilegedHostUser() throws Exception {
        GuestSpec guest = sandbox.skeleton("ids", 4401, Map.of());
        driver.start(guest);
        long base = 1_048_576L + 4401L * 65_536L;

        String uidMap = sandbox.exec(guest, "cat", "/proc/self/uid_map");
        String gidMap = sandbox.exec(guest, "cat", "/proc/self/gid_map");
        note("uid_map inside: " + uidMap.strip().replaceAll("\\s+", " ") + "; gid_map: "
                + gidMap.strip().replaceAll("\\s+", " "));
        assertThat(uidMap.strip().split("\\s+")).containsExactly("0", Long.toString(base), "65536");
        assertThat(gidMap.strip().split("\\s+")).containsExactly("0", Long.toString(base), "65536");
        assertThat(sandbox.exec(guest, "id", "-u").strip()).isEqualTo("0");

        // what guest root makes in its tree belongs on the host to the shifted uid, not to root
        sandbox.exec(guest, "sh", "-c", "echo hostile > /root/made-by-root; mkdir /root/dir-by-root;"
                + " echo x > /root/given-away; chown 65535:65535 /root/given-away");
        for (String name : List.of("root/made-by-root", "root/dir-by-root")) {
            Path made = guest.rootDir().resolve(name);
            note(name + " host owner " + id(made, "uid") + ":" + id(made, "gid"));
            assertThat(id(made, "uid")).isEqualTo(base);
            assertThat(id(made, "gid")).isEqualTo(base);
        }
        assertThat(id(guest.rootDir().resolve("root/given-away"), "uid")).isEqualTo(base + 65_535);
        // an id outside its range cannot be handed out: not even the host's root or another guest's
        Run outside = sh(guest, "chown 65536 /root/made-by-root");
        note("chown to guest uid 65536: exit " + outside.exit() + ", " + outside.out().strip());
        assertThat(outside.exit()).isNotZero();
        assertThat(id(guest.rootDir().resolve("root/made-by-root"), "uid")).isEqualTo(base);

        int init = initPid(guest);
        String uidLine = Files.readAllLines(Path.of("/proc/" + init + "/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
        note("guest init (host pid " + init + ") " + uidLine.replaceAll("\\s+", " "));
        assertThat(uidLine.split("\\s+")).containsExactly("Uid:", Long.toString(base), Long.toString(base),
                Long.toString(base), Long.toString(base));
    }

    // --- 2. capabilities and host processes

    @Test
    void noCapabilityCrossesTheContainerAndHostProcessesAreInvisible() throws Exception {
        GuestSpec guest = sandbox.skeleton("caps", 4402, Map.of());
        driver.start(guest);
        // sys_module 16, sys_rawio 17, sys_time 25, mac_override 32, mac_admin 33: never the guest's
        List<Integer> hostOnly = List.of(16, 17, 25, 32, 33);

        String initStatus = sandbox.exec(guest, "cat", "/proc/1/status");
        long bounding = capabilities(initStatus, "CapBnd");
        note("guest init CapBnd " + Long.toHexString(bounding));
        for (int bit : hostOnly) {
            assertThat(bounding & (1L << bit)).as("CapBnd bit %d of the guest's init", bit).isZero();
        }
        String execStatus = sandbox.exec(guest, "cat", "/proc/self/status");
        for (String set : List.of("CapBnd", "CapPrm", "CapEff", "CapAmb")) {
            long caps = capabilities(execStatus, set);
            for (int bit : hostOnly) {
                assertThat(caps & (1L << bit)).as("%s bit %d of an exec'd process", set, bit).isZero();
            }
        }
        String hostView = Files.readString(Path.of("/proc/" + initPid(guest) + "/status"));
        assertThat(capabilities(hostView, "CapBnd")).isEqualTo(bounding);

        long console = ProcessHandle.current().pid();
        List<Long> visible = sandbox.exec(guest, "ls", "/proc").lines().filter(l -> l.matches("\\d+"))
                .map(Long::parseLong).toList();
        note("pids in the guest's /proc: " + visible + "; console's host pid " + console);
        assertThat(visible).doesNotContain(console);
        String commands = sandbox.exec(guest, "sh", "-c",
                "for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline; echo; done");
        assertThat(commands).doesNotContain("java").doesNotContain("lxc-start").doesNotContain("failsafe");
        Run kill = sh(guest, "kill -0 " + console);
        note("kill -0 <console pid> from the guest: exit " + kill.exit() + ", " + kill.out().strip());
        assertThat(kill.exit()).isNotZero();
        assertThat(kill.out()).contains("No such process");
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    // --- 3. /proc/sys, /sys and /proc/sysrq-trigger

    /** Per-namespace sysctls the guest's root owns: ipc, mqueue, pid and user namespace limits. */
    private static final List<String> NAMESPACED_SYSCTLS = List.of("./fs/mqueue/", "./kernel/msg",
            "./kernel/auto_msgmni", "./kernel/sem", "./kernel/shm", "./kernel/ns_last_pid", "./kernel/pid_max",
            "./kernel/hostname", "./kernel/domainname", "./user/max_");

    @Test
    void hostWideProcAndSysFilesAreNotWritable() throws Exception {
        GuestSpec guest = sandbox.skeleton("sysfiles", 4403, Map.of());
        driver.start(guest);
        Path corePattern = Path.of("/proc/sys/kernel/core_pattern");
        Path hugepages = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        Path sysrq = Path.of("/proc/sys/kernel/sysrq");
        String coreBefore = Files.readString(corePattern);
        String hugepagesBefore = Files.readString(hugepages);
        String sysrqBefore = Files.exists(sysrq) ? Files.readString(sysrq) : "(absent)";
        note("host /proc/sysrq-trigger " + (Files.exists(Path.of("/proc/sysrq-trigger")) ? "present" : "absent")
                + ", kernel.sysrq " + sysrqBefore.strip());
        try {
            // a harmless pattern: were it taken, the host's value would show it
            Run core = sh(guest, "echo hostile-core-%p > /proc/sys/kernel/core_pattern");
            Run thp = sh(guest, "echo never > /sys/kernel/mm/transparent_hugepage/enabled");
            Run trigger = sh(guest, "echo h > /proc/sysrq-trigger");
            note("write core_pattern: exit " + core.exit() + ", " + core.out().strip());
            note("write transparent_hugepage/enabled: exit " + thp.exit() + ", " + thp.out().strip());
            note("write /proc/sysrq-trigger: exit " + trigger.exit() + ", " + trigger.out().strip());
            assertThat(core.exit()).isNotZero();
            assertThat(thp.exit()).isNotZero();
            assertThat(trigger.exit()).isNotZero();

            // LXC mounted /proc/sys read-only from inside the guest's own namespaces, so its root may
            // remount it; what must hold is that no host-wide sysctl becomes writable through it
            Run remount = sh(guest, "mount -o remount,bind,rw /proc/sys && grep ' /proc/sys ' /proc/mounts");
            note("remount /proc/sys rw inside: exit " + remount.exit() + ", " + remount.out().strip());
            Run writable = sh(guest, "cd /proc/sys && find . -path ./net -prune -o -type f -print"
                    + " | while read f; do ( exec 3>>$f ) 2>/dev/null && echo $f; done");
            List<String> opened = writable.out().lines().filter(l -> l.startsWith("./")).toList();
            note("sysctls outside net/ guest root can open for writing after the remount: " + opened);
            assertThat(opened).allSatisfy(f -> assertThat(NAMESPACED_SYSCTLS).as("%s is not per-namespace", f)
                    .anyMatch(f::startsWith));
            Run coreAgain = sh(guest, "echo hostile-core-%p > /proc/sys/kernel/core_pattern");
            note("write core_pattern after the remount: exit " + coreAgain.exit() + ", " + coreAgain.out().strip());
            assertThat(coreAgain.exit()).isNotZero();
        } finally { // only if a write got through, which the assertions below then report
            restore(corePattern, coreBefore, coreBefore.strip());
            restore(hugepages, hugepagesBefore, hugepagesBefore.replaceAll("(?s).*\\[(\\w+)\\].*", "$1"));
        }
        assertThat(Files.readString(corePattern)).isEqualTo(coreBefore);
        assertThat(Files.readString(hugepages)).isEqualTo(hugepagesBefore);
        assertThat(Files.exists(sysrq) ? Files.readString(sysrq) : "(absent)").isEqualTo(sysrqBefore);
    }

    // --- 4. the static C probe

    @Test
    void staticProbeFindsEveryEscapeRefused() throws Exception {
        GuestSpec guest = sandbox.skeleton("prober", 4404, Map.of());
        // a node of the host's own root disk, made by the host (the guest cannot make one), for the
        // probe to open and mount
        String rootDisk = rootBlockDevice();
        if (rootDisk != null) {
            String[] mm = rootDisk.split(":");
            host(Duration.ofSeconds(5), "mknod", "--", guest.rootDir().resolve("root/hostdisk").toString(), "b", mm[0],
                    mm[1]);
        }
        driver.start(guest);
        installProbe(guest);

        Run run = rootDisk == null ? run(guest, Duration.ofSeconds(30), "/root/probe", "all")
                : run(guest, Duration.ofSeconds(30), "/root/probe", "all", "/root/hostdisk");

        note("probe (host root disk " + rootDisk + "), exit " + run.exit() + ":\n" + run.out().strip());
        Map<String, String> results = new LinkedHashMap<>();
        Matcher line = PROBE_LINE.matcher(run.out());
        while (line.find()) {
            results.put(line.group(1), line.group(3) == null ? "ALLOWED" : line.group(3));
        }
        assertThat(results).containsKeys("open_by_handle_at_inode2", "mknod_block_device", "finit_module",
                "init_module", "delete_module", "keyctl", "add_key", "bpf_map_create", "kexec_load", "userfaultfd",
                "perf_event_open_cpu_wide", "write_sysctl_kernel_core_pattern");
        if (rootDisk != null) {
            assertThat(results).containsKeys("open_host_disk", "mount_host_disk");
        }
        assertThat(results).allSatisfy((name, errno) -> assertThat(errno).as(name).isNotEqualTo("ALLOWED"));
        assertThat(results.get("mknod_block_device")).isEqualTo("1");
        assertThat(results.get("finit_module")).isEqualTo("1");
        assertThat(results.get("init_module")).isEqualTo("1");
        assertThat(results.get("keyctl")).isIn("38", "1");
        assertThat(results.get("add_key")).isIn("38", "1");
        assertThat(results.get("bpf_map_create")).isEqualTo("1");
        assertThat(run.out()).contains("info: 0 allowed");
        assertThat(run.exit()).isZero();
    }

    // --- helpers

    private record Run(int exit, boolean timedOut, String out) {
    }

    private Run run(GuestSpec guest, Duration timeout, String... argv) {
        StringBuilder out = new StringBuilder();
        ExecResult result = driver.exec(guest, List.of(argv), l -> out.append(l).append('\n'), timeout);
        return new Run(result.exitCode(), result.timedOut(), out.toString());
    }

    private Run sh(GuestSpec guest, String script) {
        return run(guest, Duration.ofSeconds(20), "sh", "-c", script);
    }

    /** A host command as an argv list, never a shell; output and error together. */
    private static Run host(Duration timeout, String... argv) {
        StringBuilder out = new StringBuilder();
        ExecResult result = CommandRunner.stream("test", null, List.of(argv), l -> out.append(l).append('\n'), timeout);
        return new Run(result.exitCode(), result.timedOut(), out.toString());
    }

    private static void note(String observation) {
        System.out.println("[hostile] " + observation);
    }

    private static long id(Path path, String which) throws IOException {
        return ((Integer) Files.getAttribute(path, "unix:" + which, LinkOption.NOFOLLOW_LINKS)) & 0xffffffffL;
    }

    private int initPid(GuestSpec guest) {
        return driver.processes(guest).stream().filter(p -> p.guestPid() == 1).findFirst().orElseThrow().pid();
    }

    private static long capabilities(String status, String set) {
        return status.lines().filter(l -> l.startsWith(set + ":")).map(l -> Long.parseUnsignedLong(l.split("\\s+")[1], 16))
                .findFirst().orElseThrow(() -> new AssertionError(set + " missing in " + status));
    }

    /** The probe in the guest's tree, owned by the guest's root, mode 0755. */
    private void installProbe(GuestSpec guest) throws IOException {
        Path target = guest.rootDir().resolve("root/probe");
        Files.copy(probe, target, StandardCopyOption.REPLACE_EXISTING);
        int root = (int) IdRange.forContext(guest.xid()).base();
        LibC.INSTANCE.lchown(target.toString(), root, root);
        LibC.INSTANCE.chmod(target.toString(), 0755);
        assertThat(id(target, "uid")).isEqualTo(IdRange.forContext(guest.xid()).base());
        assertThat((Integer) Files.getAttribute(target, "unix:mode") & 07777).isEqualTo(0755);
    }

    /** major:minor of the block device the host's / is on, or null when it is not one. */
    private static String rootBlockDevice() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4 && f[4].equals("/") && Files.exists(Path.of("/sys/dev/block", f[2]))) {
                return f[2];
            }
        }
        return null;
    }

    private static void restore(Path file, String before, String value) {
        try {
            if (!Files.readString(file).equals(before)) {
                Files.writeString(file, value);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot restore " + file + ": " + e.getMessage(), e);
        }
    }
}
