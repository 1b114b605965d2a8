package org.vsconsole.host.linux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.Ipv4Network;

/**
 * Knobs of the {@code linux} driver.
 *
 * @param cgroupParent   name of the console-owned cgroup under each controller holding one
 *                       cgroup per XID; tests use their own so they never meet a live console
 * @param bridge         the guests' bridge; it carries the pool's gateway address
 * @param addressPool    the guests' IPv4 pool; its first host address is the gateway on the bridge
 * @param nat            masquerade guests' outbound traffic behind the host (off: guests reach
 *                       only the host's answers and each other)
 * @param commandTimeout bound for each host command (lxc-start, ip, nft)
 * @param buildTimeout   bound for building a guest tree (clone, debootstrap)
 * @param busybox        static busybox copied into skeleton guests
 * @param cache          where built base trees and the guests' package cache live
 */
public record LinuxDriverSettings(
        String cgroupParent, String bridge, Ipv4Network addressPool, boolean nat, Duration commandTimeout,
        Duration buildTimeout, Path busybox, BuildCache cache) {

    /** One cgroup directory name; never hidden, never "." or "..". Public for the settings that hold it. */
    public static final String CGROUP_PARENT = "(?!\\.)[A-Za-z0-9_.-]{1,64}";
    public static final String CGROUP_PARENT_RULE = "1-64 ASCII letters, digits, '_', '.' or '-', not starting with '.'";
    /** A bridge is a network device: IFNAMSIZ less the NUL, and a word nft and ip take as it is. */
    public static final String BRIDGE = "[A-Za-z0-9_-]{1,15}";
    public static final String BRIDGE_RULE = "1-15 ASCII letters, digits, '_' or '-'";

    /**
     * @param dir         holds {@code trees/} (pristine base trees per suite and mirror) and
     *                    {@code apt/} (the package cache's files); null: beside the run directory
     * @param aptPort     port of the package cache on the bridge's gateway; 0 runs none
     * @param treeMaxAge  a base tree older than this is built afresh, so new guests start current
     */
    public record BuildCache(@Nullable Path dir, int aptPort, Duration treeMaxAge) {

        public static final BuildCache NONE = new BuildCache(null, 0, Duration.ofDays(7));

        public BuildCache {
            if (aptPort < 0 || aptPort > 65535) {
                throw new IllegalArgumentException("bad package cache port: " + aptPort);
            }
        }
    }

    public LinuxDriverSettings {
        Objects.requireNonNull(cgroupParent);
        Objects.requireNonNull(bridge);
        Objects.requireNonNull(addressPool);
        Objects.requireNonNull(cache);
        if (!cgroupParent.matches(CGROUP_PARENT)) {
            throw new IllegalArgumentException("bad cgroup parent name: " + cgroupParent + " (" + CGROUP_PARENT_RULE + ")");
        }
        if (!bridge.matches(BRIDGE)) {
            throw new IllegalArgumentException("bad bridge name: " + bridge + " (" + BRIDGE_RULE + ")");
        }
        if (addressPool.prefix() < 8 || addressPool.prefix() > 30) {
            throw new IllegalArgumentException("the address pool needs a prefix of 8..30: " + addressPool);
        }
    }

    public static LinuxDriverSettings defaults() {
        return new LinuxDriverSettings("vsconsole", "vsbr0", Ipv4Network.parse("10.88.0.0/24"), false,
                Duration.ofSeconds(10), Duration.ofMinutes(30), Path.of("/bin/busybox"), BuildCache.NONE);
    }

    public LinuxDriverSettings withCgroupParent(String parent) {
        return new LinuxDriverSettings(parent, bridge, addressPool, nat, commandTimeout, buildTimeout, busybox, cache);
    }

    public LinuxDriverSettings withNetwork(String bridgeName, Ipv4Network pool, boolean masquerade) {
        return new LinuxDriverSettings(cgroupParent, bridgeName, pool, masquerade, commandTimeout, buildTimeout, busybox,
                cache);
    }

    public LinuxDriverSettings withCache(BuildCache buildCache) {
        return new LinuxDriverSettings(cgroupParent, bridge, addressPool, nat, commandTimeout, buildTimeout, busybox,
                buildCache);
    }
}
