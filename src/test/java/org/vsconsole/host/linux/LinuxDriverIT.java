package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;

/**
 * Real guests on this host (needs root, LXC, busybox-static). XIDs 4100..4199 and 49101 are this
 * class's. What a hostile guest tries (fork bombs, memory hogs, escapes, spoofing) is HostileGuestIT's.
 */
class LinuxDriverIT {

    private GuestSandbox sandbox;
    private LinuxDriver driver;

    @BeforeEach
    void setUp() throws Exception {
        sandbox = new GuestSandbox();
        driver = sandbox.driver;
        assertThat(driver.readOnlyReason()).isEmpty();
    }

    @AfterEach
    void tearDown() throws Exception {
        sandbox.close();
    }

    @Test
    void skeletonGuestStartsWithItsHostnameAndStopsWithoutLeftovers() {
        GuestSpec guest = sandbox.skeleton("alpha", 4101, Map.of());

        driver.start(guest);

        assertThat(driver.isRunning(guest)).isTrue();
        assertThat(sandbox.exec(guest, "hostname").strip()).isEqualTo("alpha-node");
        assertThat(sandbox.exec(guest, "mount")).contains("/tmp type tmpfs").contains("size=16384k");
        assertThat(sandbox.exec(guest, "ip", "link")).contains("lo: <LOOPBACK,UP");
        ContextFigures figures = driver.figures(List.of(guest)).get(4101);
        assertThat(figures.processes()).isGreaterThanOrEqualTo(2); // init and its sleep
        // no saved limits: the guest runs with what the driver gives unsaved limits (unlimited where
        // the host lets root raise limits, else the most the console may have), which the limits
        // view compares against, so it does not say "live differs from saved"
        for (String limit : List.of("nofile", "memlock", "as", "locks")) {
            assertThat(figures.limits().get(limit).soft()).as(limit).isEqualTo(driver.liveAtStart(limit, null).soft());
            assertThat(figures.limits().get(limit).hard()).as(limit).isEqualTo(driver.liveAtStart(limit, null).hard());
        }
        assertThat(figures.uptimeMs()).isBetween(0L, 60_000L);
        List<GuestProcess> processes = driver.processes(guest);
        assertThat(processes).anySatisfy(p -> {
            assertThat(p.guestPid()).isEqualTo(1);
            assertThat(p.command()).contains("/sbin/init");
            assertThat(p.user()).isEqualTo("root");
        });

        driver.stop(guest, Duration.ofSeconds(5));

        assertThat(driver.isRunning(guest)).isFalse();
        for (String controller : List.of("pids", "memory", "cpuacct")) {
            assertThat(GuestSandbox.CGROUP_ROOT.resolve(controller + "/vsconsole-it/4101")).doesNotExist();
        }
        for (GuestProcess p : processes) {
            assertThat(Path.of("/proc/" + p.pid())).doesNotExist();
        }
        assertThat(driver.figures(List.of(guest))).isEmpty();

        driver.deleteRoot(guest);
        assertThat(guest.rootDir()).doesNotExist();
        assertThat(sandbox.runDir.resolve("lxc/vs4101")).as("its generated container").doesNotExist();
    }

    @Test
    void twoGuestsClaimingOneContextNeverBothRunAndTheSecondCannotTouchTheFirst() {
        GuestSpec first = sandbox.skeleton("first", 4119, Map.of());
        GuestSpec copy = sandbox.skeleton("copy", 4119, Map.of());
        driver.start(first);

        assertThat(driver.isRunning(copy)).isFalse();
        assertThat(driver.figures(List.of(copy))).isEmpty();
        for (Runnable action : List.<Runnable>of(() -> driver.start(copy), () -> driver.stop(copy, Duration.ofSeconds(2)),
                () -> driver.exec(copy, List.of("true"), line -> {
                }, Duration.ofSeconds(2)), () -> driver.processes(copy),
                () -> driver.setLimitLive(copy, "nproc", LimitValues.both(5)))) {
            assertThatThrownBy(action::run).isInstanceOf(HostOperationException.class)
                    .hasMessageContaining("context 4119 is in use by the running guest first");
        }
        assertThat(driver.isRunning(first)).isTrue();
        assertThat(sandbox.exec(first, "hostname").strip()).isEqualTo("first-node");
    }

    @Test
    void aGuestOfAHighContextRunsWithIdsPastTwoToThe31() throws Exception {
        GuestSpec guest = sandbox.skeleton("high", 49101, Map.of()); // its ids start at 3 218 931 712

        driver.start(guest);

        assertThat(sandbox.exec(guest, "cat", "/proc/self/uid_map").trim()).matches("0\\s+3218931712\\s+65536");
        assertThat(driver.processes(guest)).anySatisfy(p -> assertThat(p.user()).isEqualTo("root"));
        assertThat(Integer.toUnsignedLong((Integer) Files.getAttribute(guest.rootDir().resolve("etc/passwd"), "unix:uid")))
                .isEqualTo(3218931712L);
    }

    @Test
    void guestsDoNotSeeEachOthersProcesses() {
        GuestSpec one = sandbox.skeleton("one", 4104, Map.of());
        GuestSpec two = sandbox.skeleton("two", 4105, Map.of());
        driver.start(one);
        driver.start(two);

        long begin = System.nanoTime();
        sandbox.exec(two, "sh", "-c", "sleep 4242 &");
        // the background sleep holds the output pipe; the exec still ends with its shell
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));

        assertThat(sandbox.exec(two, "ps", "-o", "pid,args")).contains("sleep 4242");
        assertThat(sandbox.exec(one, "ps", "-o", "pid,args")).doesNotContain("sleep 4242");
        assertThat(driver.processes(one)).noneMatch(p -> p.command().contains("4242"));
        assertThat(driver.processes(two)).anyMatch(p -> p.command().contains("sleep 4242"));
    }

    @Test
    void execJoinsTheGuestsCgroupsAndIsCappedByPidsMax() {
        GuestSpec guest = sandbox.skeleton("capped", 4106, Map.of("nproc", LimitValues.both(30)));
        driver.start(guest);

        String out = sandbox.exec(guest, "sh", "-c",
                "i=0; while [ $i -lt 100 ]; do sleep 60 & i=$((i+1)); done; echo done");

        assertThat(out).contains("can't fork");
        ContextFigures.LimitFigure nproc = driver.figures(List.of(guest)).get(4106).limits().get("nproc");
        assertThat(nproc.current()).isLessThanOrEqualTo(30);
        assertThat(nproc.hits()).isPositive();
        assertThat(driver.processes(guest)).filteredOn(p -> p.command().equals("sleep 60")).hasSizeBetween(20, 28);
    }

    @Test
    void restartedConsoleFindsTheRunningGuest() throws Exception {
        GuestSpec guest = sandbox.skeleton("durable", 4107, Map.of());
        driver.start(guest);
        LinuxDriver restarted = sandbox.newDriver();

        assertThat(restarted.isRunning(guest)).isTrue();
        assertThat(restarted.figures(List.of(guest))).containsKey(4107);
        StringBuilder out = new StringBuilder();
        restarted.exec(guest, List.of("hostname"), out::append, Duration.ofSeconds(5));
        assertThat(out.toString()).isEqualTo("durable-node");
        restarted.stop(guest, Duration.ofSeconds(5));
        assertThat(driver.isRunning(guest)).isFalse();
    }

    @Test
    void nofileSetLiveRefusesTheFilePastTheLimit() throws Exception {
        GuestSpec guest = sandbox.skeleton("files", 4108, Map.of());
        driver.start(guest);

        // busybox sh keeps a script open at fd 10 and up, so a guest needs a dozen files to live
        driver.setLimitLive(guest, "nofile", LimitValues.both(12));

        int init = driver.processes(guest).stream().filter(p -> p.guestPid() == 1).findFirst().orElseThrow().pid();
        assertThat(Files.readAllLines(Path.of("/proc/" + init + "/limits")))
                .anyMatch(l -> l.matches("Max open files\\s+12\\s+12\\s+files\\s*"));
        // 0-2 are open; 3..11 fill the limit of 12, the thirteenth file is refused
        String out = sandbox.exec(guest, "sh", "-c", "exec 3</dev/null 4</dev/null 5</dev/null 6</dev/null 7</dev/null"
                + " 8</dev/null 9</dev/null 10</dev/null 11</dev/null && echo twelve-open; exec 12</dev/null && echo thirteen");
        assertThat(out).contains("twelve-open").doesNotContain("thirteen");
        assertThat(driver.figures(List.of(guest)).get(4108).limits().get("nofile").hard()).isEqualTo(12);
    }

    @Test
    void nprocSetLiveRefusesTheProcessPastTheLimit() {
        GuestSpec guest = sandbox.skeleton("procs", 4109, Map.of());
        driver.start(guest);
        await().atMost(Duration.ofSeconds(5)).until(() -> driver.processes(guest).size() == 2); // init and its sleep
        long before = driver.figures(List.of(guest)).get(4109).limits().get("nproc").current();

        // the exec itself adds its shell; room for exactly one more
        driver.setLimitLive(guest, "nproc", LimitValues.both(before + 2));

        String out = sandbox.exec(guest, "sh", "-c", "sleep 30 & sleep 30 & echo end");
        assertThat(out).contains("can't fork");
        assertThat(driver.figures(List.of(guest)).get(4109).limits().get("nproc").hits()).isPositive();
    }

    @Test
    void killReachesOnlyTheGuestsOwnProcesses() {
        GuestSpec guest = sandbox.skeleton("victim", 4110, Map.of());
        driver.start(guest);
        sandbox.exec(guest, "sh", "-c", "sleep 777 &");
        GuestProcess sleeper = driver.processes(guest).stream().filter(p -> p.command().equals("sleep 777"))
                .findFirst().orElseThrow();

        assertThatThrownBy(() -> driver.kill(guest, (int) ProcessHandle.current().pid(), 0))
                .isInstanceOf(HostOperationException.class).hasMessageContaining("does not belong");
        driver.kill(guest, sleeper.pid(), 9);
        await().atMost(Duration.ofSeconds(3))
                .until(() -> driver.processes(guest).stream().noneMatch(p -> p.pid() == sleeper.pid()));
    }

    @Test
    void tmpIsRemountedWithTheNewSize() {
        GuestSpec guest = sandbox.skeleton("roomy", 4111, Map.of());
        driver.start(guest);

        driver.remountTmp(guest, "32m");

        assertThat(sandbox.exec(guest, "mount")).contains("size=32768k");
    }

    @Test
    void configuredAddressSitsOnTheGuestsOwnInterface() {
        GuestSpec guest = sandbox.spec("net", 4112, Map.of(), List.of(new GuestSpec.Address("10.231.0.112", 24, null)));
        driver.buildRoot(guest, org.vsconsole.host.BuildRequest.skeleton(), line -> {
        });
        driver.start(guest);

        assertThat(sandbox.exec(guest, "ip", "addr")).contains("10.231.0.112/24").contains("lo")
                .contains(BridgeNetwork.mac(4112));
        assertThat(Path.of("/sys/class/net/vsh4112/master")).exists();
        // the bridge carries the pool's gateway: the guest reaches the host there, and only there
        assertThat(sandbox.exec(guest, "ip", "route")).contains("default via 10.231.0.1");
        assertThat(sandbox.exec(guest, "ping", "-c", "1", "-W", "2", "10.231.0.1")).contains("1 packets received");

        driver.stop(guest, Duration.ofSeconds(5));
        assertThat(Path.of("/sys/class/net/vsh4112")).doesNotExist();
    }

    @Test
    void neighboursLearnTheGuestsMacAtStartWithoutWaitingForTheirCacheToExpire() throws Exception {
        // a neighbour keeps the bridge's carrier up: without any port the kernel forgets all its neighbours
        GuestSpec neighbour = sandbox.spec("neighbour", 4122, Map.of(), List.of(new GuestSpec.Address("10.231.0.122", 24, null)));
        driver.buildRoot(neighbour, org.vsconsole.host.BuildRequest.skeleton(), line -> {
        });
        driver.start(neighbour);
        GuestSpec guest = sandbox.spec("moved", 4120, Map.of(), List.of(new GuestSpec.Address("10.231.0.120", 24, null)));
        driver.buildRoot(guest, org.vsconsole.host.BuildRequest.skeleton(), line -> {
        });
        // the host still believes the address is at another MAC, as after a move or a crash
        LinuxCommands.run("test", null, List.of("ip", "neigh", "replace", "10.231.0.120", "lladdr", "02:00:00:00:00:99",
                "dev", GuestSandbox.SETTINGS.bridge(), "nud", "stale"), Duration.ofSeconds(5));
        Thread.sleep(1100); // past the neighbour table's lock time, which ignores updates right after a change

        driver.start(guest);

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(LinuxCommands.run("test", null,
                List.of("ip", "neigh", "show", "10.231.0.120", "dev", GuestSandbox.SETTINGS.bridge()), Duration.ofSeconds(5)))
                .contains(BridgeNetwork.mac(4120)));
        // the gateway keeps its MAC whichever ports come and go, so guests' caches of it stay true
        assertThat(Files.readString(Path.of("/sys/class/net", GuestSandbox.SETTINGS.bridge(), "address")).strip())
                .isEqualTo(BridgeNetwork.bridgeMac(GuestSandbox.SETTINGS.bridge()));
    }

    @Test
    void aLinux32PersonalityMakesA32BitGuest() {
        GuestSpec built = sandbox.skeleton("old", 4125, Map.of());
        GuestSpec guest = new GuestSpec(built.name(), built.xid(), built.configDir(), built.rootDir(), built.nodename(),
                null, null, List.of(), Map.of(), "LINUX32", null);

        driver.start(guest);

        assertThat(sandbox.exec(guest, "uname", "-m").strip()).isEqualTo("i686");
    }

    @Test
    void aDiskLimitOnAFileSystemWithoutProjectQuotasIsShownNotEnforcedWithTheReasonAndTheGuestStillStarts() {
        GuestSpec built = sandbox.skeleton("roomless", 4126, Map.of());
        GuestSpec guest = new GuestSpec(built.name(), built.xid(), built.configDir(), built.rootDir(), built.nodename(),
                null, null, List.of(), Map.of(), null, new GuestSpec.DiskQuota(10_240, 1000));

        driver.start(guest);

        // this host's trees sit on a file system mounted without prjquota (CI's kernel has no quota formats)
        assertThat(driver.diskQuota(guest).enforced()).isFalse();
        assertThat(driver.diskQuota(guest).summary()).startsWith("not enforced: ").contains(guest.rootDir().toString());
        assertThat(driver.isRunning(guest)).isTrue();
    }

    @Test
    void guestsOnTheBridgeReachEachOther() {
        GuestSpec one = sandbox.spec("peer1", 4123, Map.of(), List.of(new GuestSpec.Address("10.231.0.123", 24, null)));
        GuestSpec two = sandbox.spec("peer2", 4124, Map.of(), List.of(new GuestSpec.Address("10.231.0.124", 24, null)));
        for (GuestSpec guest : List.of(one, two)) {
            driver.buildRoot(guest, org.vsconsole.host.BuildRequest.skeleton(), line -> {
            });
            driver.start(guest);
        }

        assertThat(sandbox.exec(one, "ping", "-c", "1", "-W", "2", "10.231.0.124")).contains("1 packets received");
    }

    @Test
    void anAddressOnAHostDeviceThatDoesNotExistIsRefusedByName() {
        GuestSpec guest = sandbox.spec("nodev", 4121, Map.of(), List.of(new GuestSpec.Address("10.231.0.121", 24, "eth9")));
        driver.buildRoot(guest, org.vsconsole.host.BuildRequest.skeleton(), line -> {
        });

        assertThatThrownBy(() -> driver.start(guest)).isInstanceOf(HostOperationException.class)
                .hasMessageContaining("the host device 'eth9' for 10.231.0.121 does not exist");
        assertThat(driver.isRunning(guest)).isFalse();
    }

    @Test
    void cloneCopiesAnotherGuestsTree() throws Exception {
        GuestSpec source = sandbox.skeleton("origin", 4113, Map.of());
        Files.write(source.rootDir().resolve("root/sparse"), new byte[0]);
        try (var file = new java.io.RandomAccessFile(source.rootDir().resolve("root/sparse").toFile(), "rw")) {
            file.setLength(64L << 20);
        }
        Files.createLink(source.rootDir().resolve("root/hard"), source.rootDir().resolve("etc/group"));
        GuestSpec copy = sandbox.spec("copy", 4114, Map.of(), List.of());

        driver.buildRoot(copy, new org.vsconsole.host.BuildRequest(org.vsconsole.host.BuildRequest.Method.CLONE,
                "origin", null, null), line -> {
                });

        Path root = copy.rootDir();
        assertThat(Files.readSymbolicLink(root.resolve("bin/sh"))).isEqualTo(Path.of("/bin/busybox"));
        assertThat(Files.getAttribute(root.resolve("root/hard"), "unix:ino"))
                .isEqualTo(Files.getAttribute(root.resolve("etc/group"), "unix:ino"));
        // the copy is another guest: its own name, not the source's
        assertThat(Files.readString(root.resolve("etc/hostname"))).isEqualTo("copy-node\n");
        assertThat(Files.readString(root.resolve("etc/hosts"))).contains("copy-node").doesNotContain("origin");
        assertThat((long) (Integer) Files.getAttribute(root.resolve("root/sparse"), "unix:nlink")).isEqualTo(1);
        driver.start(copy);
        assertThat(sandbox.exec(copy, "hostname").strip()).isEqualTo("copy-node");
    }

    @Test
    void execTimeoutKillsTheCommandAndSaysSo() {
        GuestSpec guest = sandbox.skeleton("slow", 4115, Map.of());
        driver.start(guest);

        ExecResult result = driver.exec(guest, List.of("sh", "-c", "echo begun; sleep 100"), line -> {
        },
                Duration.ofSeconds(1));

        assertThat(result.timedOut()).isTrue();
        await().atMost(Duration.ofSeconds(3))
                .until(() -> driver.processes(guest).stream().noneMatch(p -> p.command().contains("sleep 100")));
    }

    @Test
    void aGuestWithoutInitFailsToStartWithTheReasonAndLeavesNothing() throws Exception {
        GuestSpec guest = sandbox.skeleton("headless", 4116, Map.of());
        Files.delete(guest.rootDir().resolve("sbin/init"));

        assertThatThrownBy(() -> driver.start(guest)).isInstanceOf(HostOperationException.class)
                .hasMessageContaining("/sbin/init").hasMessageContaining("No such file");

        assertThat(driver.isRunning(guest)).isFalse();
        assertThat(GuestSandbox.CGROUP_ROOT.resolve("pids/vsconsole-it/4116")).doesNotExist();
    }

    @Test
    void guestRootCannotMountACgroupHierarchyOrLiftItsLimits() {
        GuestSpec guest = sandbox.skeleton("tamed", 4117, Map.of("nproc", LimitValues.both(40)));
        driver.start(guest);

        // root of the guest may mount its own cgroup namespace's view, but the limit files stay the host's
        String write = sandbox.exec(guest, "sh", "-c", "mkdir -p /root/cg; mount -t cgroup -o pids none /root/cg;"
                + " echo max > /root/cg/pids.max; echo own=$?; echo max > /sys/fs/cgroup/pids/pids.max; echo lxc=$?");
        assertThat(write).contains("own=1").contains("lxc=1");
        assertThat(sandbox.exec(guest, "sh", "-c", "grep CapBnd /proc/1/status"))
                .doesNotContain("000001ffffffffff").doesNotContain("000003ffffffffff");
        assertThat(driver.figures(List.of(guest)).get(4117).limits().get("nproc").hard()).isEqualTo(40);
        assertThat(sandbox.exec(guest, "sh", "-c", "i=0; while [ $i -lt 60 ]; do sleep 60 & i=$((i+1)); done"))
                .contains("can't fork");
    }

    @Test
    void aHostDiskNodeInsideTheTreeCannotBeOpened() throws Exception {
        GuestSpec guest = sandbox.skeleton("nodes", 4118, Map.of());
        Path node = guest.rootDir().resolve("root/hostdisk"); // /dev itself is LXC's own tmpfs
        LinuxCommands.run("test", null, List.of("mknod", "--", node.toString(), "b", "254", "0"), Duration.ofSeconds(5));
        driver.start(guest);

        StringBuilder out = new StringBuilder();
        ExecResult read = driver.exec(guest, List.of("head", "-c", "1", "/root/hostdisk"), out::append,
                Duration.ofSeconds(5));

        assertThat(read.exitCode()).isNotZero();
        assertThat(out.toString()).contains("not permitted");
        assertThat(sandbox.exec(guest, "sh", "-c", "head -c 1 /dev/zero | wc -c").strip()).isEqualTo("1");
    }
}
