package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.Ipv4Network;
import org.vsconsole.host.LimitValues;

/**
 * A throw-away guests root, run-state directory and driver for one test. Closing it stops every
 * guest it made and deletes every tree, so a failed test leaves no process, cgroup or veth.
 */
final class GuestSandbox implements AutoCloseable {

    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    /**
     * Its own cgroup parent, bridge and pool: a test never meets a live console's guests. LinuxDriverIT's
     * (and its bench's): IT classes run side by side in two forks, so every other class names its own.
     */
    static final LinuxDriverSettings SETTINGS = LinuxDriverSettings.defaults()
            .withCgroupParent("vsconsole-it").withNetwork("vsbrit0", Ipv4Network.parse("10.231.0.0/24"), false);

    final LinuxDriverSettings settings;
    final Path dir;
    final Path guestsRoot;
    final Path runDir;
    final LinuxDriver driver;
    private final List<GuestSpec> guests = new ArrayList<>();

    GuestSandbox() throws IOException {
        this(SETTINGS);
    }

    /** A sandbox with a cgroup parent, bridge and pool of its own, for a test class beside LinuxDriverIT. */
    GuestSandbox(String cgroupParent, String bridge, String pool) throws IOException {
        this(cgroupParent, bridge, pool, false);
    }

    GuestSandbox(String cgroupParent, String bridge, String pool, boolean nat) throws IOException {
        this(LinuxDriverSettings.defaults().withCgroupParent(cgroupParent)
                .withNetwork(bridge, Ipv4Network.parse(pool), nat));
    }

    private GuestSandbox(LinuxDriverSettings settings) throws IOException {
        this.settings = settings;
        dir = Files.createTempDirectory("vsc-linux-it");
        // the guests' roots are unprivileged host users: they must pass through, as under /var/lib
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        guestsRoot = Files.createDirectories(dir.resolve("guests"));
        runDir = dir.resolve("run");
        driver = newDriver();
    }

    /** Another driver on the same host paths: what a restarted console would build. */
    LinuxDriver newDriver() {
        return new LinuxDriver(CGROUP_ROOT, guestsRoot, runDir, settings);
    }

    GuestSpec spec(String name, int xid, Map<String, LimitValues> limits, List<GuestSpec.Address> addresses) {
        GuestSpec spec = new GuestSpec(name, xid, dir.resolve("etc").resolve(name), guestsRoot.resolve(name),
                name + "-node", null, "16m", addresses, limits);
        guests.add(spec);
        return spec;
    }

    /** A built skeleton guest with the given limits, not started. */
    GuestSpec skeleton(String name, int xid, Map<String, LimitValues> limits) {
        GuestSpec spec = spec(name, xid, limits, List.of());
        driver.buildRoot(spec, BuildRequest.skeleton(), line -> {
        });
        return spec;
    }

    /** A built skeleton guest with addresses on the sandbox's bridge, not started. */
    GuestSpec skeleton(String name, int xid, Map<String, LimitValues> limits, List<GuestSpec.Address> addresses) {
        GuestSpec spec = spec(name, xid, limits, addresses);
        driver.buildRoot(spec, BuildRequest.skeleton(), line -> {
        });
        return spec;
    }

    String exec(GuestSpec guest, String... argv) {
        StringBuilder out = new StringBuilder();
        driver.exec(guest, List.of(argv), line -> out.append(line).append('\n'), Duration.ofSeconds(20));
        return out.toString();
    }

    /** The bridge and firewall tables a driver made: the console keeps them, a test does not. */
    private static void removeNetwork(String bridge, boolean nat) {
        if (Files.exists(Path.of("/sys/class/net", bridge))) {
            LinuxCommands.run("test", null, List.of("ip", "link", "del", bridge), Duration.ofSeconds(5));
            String table = BridgeFirewall.tableName(bridge);
            LinuxCommands.run("test", null, List.of("nft", "delete table bridge " + table + "; delete table inet " + table
                    + (nat ? "; delete table ip " + table + "_nat" : "")), Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws IOException {
        List<Throwable> failures = new ArrayList<>();
        for (GuestSpec guest : guests) {
            try {
                Path cgroup = CGROUP_ROOT.resolve("pids").resolve(settings.cgroupParent()).resolve(Integer.toString(guest.xid()));
                if (driver.isRunning(guest) || Files.exists(cgroup)) {
                    driver.stop(guest, Duration.ofSeconds(5));
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (GuestSpec guest : guests) {
            try {
                driver.deleteRoot(guest);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            removeNetwork(settings.bridge(), settings.nat());
        } catch (RuntimeException e) {
            failures.add(e);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // left to rm below
        }
        if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // what a failed deleteRoot left (a tree past PATH_MAX, an immutable file): rm walks by
            // descriptor, chattr lifts flags a hostile guest may have set
            LinuxCommands.stream("test", null, List.of("chattr", "-R", "-f", "-i", "-a", dir.toString()), line -> {
            },
                    Duration.ofSeconds(60));
            LinuxCommands.stream("test", null, List.of("rm", "-rf", "--one-file-system", "--", dir.toString()),
                    line -> {
                    }, Duration.ofSeconds(60));
            if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                failures.add(new IOException("cannot remove " + dir));
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("sandbox cleanup failed");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
