package org.vsconsole.host.linux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the {@code linux} driver.
 *
 * @param cgroupParent   name of the console-owned cgroup under each controller holding one
 *                       cgroup per XID; tests use their own so they never meet a live console
 * @param bridge         host-only bridge the guests' veth pairs join
 * @param commandTimeout bound for each helper command (ip, mknod, the start handshake)
 * @param buildTimeout   bound for building a guest tree (clone, debootstrap)
 * @param busybox        static busybox copied into skeleton guests
 */
public record LinuxDriverSettings(
        String cgroupParent, String bridge, Duration commandTimeout, Duration buildTimeout, Path busybox) {

    public LinuxDriverSettings {
        Objects.requireNonNull(cgroupParent);
        Objects.requireNonNull(bridge);
        if (!cgroupParent.matches("[A-Za-z0-9_.-]{1,64}") || cgroupParent.startsWith(".")) {
            throw new IllegalArgumentException("bad cgroup parent name: " + cgroupParent);
        }
        if (!bridge.matches("[A-Za-z0-9_-]{1,15}")) {
            throw new IllegalArgumentException("bad bridge name: " + bridge);
        }
    }

    public static LinuxDriverSettings defaults() {
        return new LinuxDriverSettings("vsconsole", "vsbr0", Duration.ofSeconds(10), Duration.ofMinutes(30),
                Path.of("/bin/busybox"));
    }

    public LinuxDriverSettings withCgroupParent(String parent) {
        return new LinuxDriverSettings(parent, bridge, commandTimeout, buildTimeout, busybox);
    }

    public LinuxDriverSettings withBridge(String name) {
        return new LinuxDriverSettings(cgroupParent, name, commandTimeout, buildTimeout, busybox);
    }
}
