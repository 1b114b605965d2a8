package org.vsconsole.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a driver needs to know about one guest, built by the services from the parsed config tree.
 *
 * @param name       guest name (directory basename under the config root)
 * @param xid        static context id, 2..49151
 * @param configDir  {@code /etc/vservers/<name>}
 * @param rootDir    the guest's root tree (target of the {@code vdir} link)
 * @param nodename   {@code uts/nodename}, or the name when unset
 * @param domainname {@code uts/domainname}, or null
 * @param tmpSize    size option of the {@code /tmp} tmpfs in the fstab (e.g. {@code 16m}), or null
 * @param interfaces configured addresses
 * @param rlimits    configured limits by util-vserver name ({@code nproc}, {@code rss}, …)
 * @param personality the {@code personality} type ({@code LINUX32} makes a 32-bit guest), or null
 * @param diskLimit  the complete, enabled {@code dlimits/} entry for the guest's root, or null
 * @param removedCapabilities system capabilities its {@code bcapabilities} removes ({@code !NAME}),
 *                   canonical names ({@code NET_RAW}); a driver that cannot add capabilities can still drop these
 */
public record GuestSpec(
        String name,
        int xid,
        Path configDir,
        Path rootDir,
        String nodename,
        @Nullable String domainname,
        @Nullable String tmpSize,
        List<Address> interfaces,
        Map<String, LimitValues> rlimits,
        @Nullable String personality,
        @Nullable DiskQuota diskLimit,
        java.util.Set<String> removedCapabilities) {

    public GuestSpec {
        interfaces = List.copyOf(interfaces);
        rlimits = Map.copyOf(rlimits);
        removedCapabilities = java.util.Set.copyOf(removedCapabilities);
    }

    /** A guest whose {@code bcapabilities} removes nothing. */
    public GuestSpec(String name, int xid, Path configDir, Path rootDir, String nodename, @Nullable String domainname,
            @Nullable String tmpSize, List<Address> interfaces, Map<String, LimitValues> rlimits, @Nullable String personality,
            @Nullable DiskQuota diskLimit) {
        this(name, xid, configDir, rootDir, nodename, domainname, tmpSize, interfaces, rlimits, personality, diskLimit,
                java.util.Set.of());
    }

    /** A guest without personality or disk limit: what most tests and simple callers need. */
    public GuestSpec(String name, int xid, Path configDir, Path rootDir, String nodename, @Nullable String domainname,
            @Nullable String tmpSize, List<Address> interfaces, Map<String, LimitValues> rlimits) {
        this(name, xid, configDir, rootDir, nodename, domainname, tmpSize, interfaces, rlimits, null, null);
    }

    /** The same guest on another context: the dynamic one a guest without a static context runs on. */
    public GuestSpec withXid(int otherXid) {
        return new GuestSpec(name, otherXid, configDir, rootDir, nodename, domainname, tmpSize, interfaces, rlimits, personality,
                diskLimit, removedCapabilities);
    }

    /** Space in KiB and inodes a guest's tree may use ({@code dlimits/<n>/space_total}, {@code inodes_total}). */
    public record DiskQuota(long spaceKiB, long inodes) {
    }

    /** One configured address: {@code interfaces/<n>/{ip,prefix,dev}}; {@code dev} null assigns it to no device. */
    public record Address(String ip, int prefix, @Nullable String dev) {
    }
}
