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
    /** Its own cgroup parent, bridge and pool: a test never meets a live console's guests. */
    static final LinuxDriverSettings SETTINGS = LinuxDriverSettings.defaults()
            .withCgroupParent("vsconsole-it").withNetwork("vsbrit0", Ipv4Network.parse("10.231.0.0/24"), false);

    final Path dir;
    final Path guestsRoot;
    final Path runDir;
    final LinuxDriver driver;
    private final List<GuestSpec> guests = new ArrayList<>();

    GuestSandbox() throws IOException {
        dir = Files.createTempDirectory("vsc-linux-it");
        // the guests' roots are unprivileged host users: they must pass through, as under /var/lib
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        guestsRoot = Files.createDirectories(dir.resolve("guests"));
        runDir = dir.resolve("run");
        driver = newDriver();
    }

    /** Another driver on the same host paths: what a restarted console would build. */
    LinuxDriver newDriver() {
        return new LinuxDriver(CGROUP_ROOT, guestsRoot, runDir, SETTINGS);
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
        driver.buildRoot(spec, BuildRequest.skeleton(), line -> { });
        return spec;
    }

    String exec(GuestSpec guest, String... argv) {
        StringBuilder out = new StringBuilder();
        driver.exec(guest, List.of(argv), line -> out.append(line).append('\n'), Duration.ofSeconds(20));
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        List<Throwable> failures = new ArrayList<>();
        for (GuestSpec guest : guests) {
            try {
                if (driver.isRunning(guest) || Files.exists(CGROUP_ROOT.resolve("pids/vsconsole-it/" + guest.xid()))) {
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
        if (Files.exists(Path.of("/sys/class/net", SETTINGS.bridge()))) {
            try { // the console keeps its bridge and rules; a test does not
                CommandRunner.run("test", null, List.of("ip", "link", "del", SETTINGS.bridge()), Duration.ofSeconds(5));
                String table = BridgeFirewall.tableName(SETTINGS.bridge());
                CommandRunner.run("test", null, List.of("nft", "delete table bridge " + table + "; delete table inet " + table),
                        Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("sandbox cleanup failed");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
