package org.vsconsole.limits;

import java.util.List;
import org.vsconsole.host.DiskQuotaState;
import org.jspecify.annotations.Nullable;

/**
 * Every limit of one guest at one moment, with the digest a change must present.
 *
 * @param running      whether the guest's context runs (live values are known only then)
 * @param pageSize     bytes per page on this host, for showing page limits as MiB
 * @param rows         primary limits first (nproc, as, memlock, rss, nofile, locks), then the others
 * @param diskQuota    whether the host enforces the guest's disk limit (or why not), with the kernel's usage
 * @param tmpSize      {@code size=} of the {@code /tmp} tmpfs in the fstab, or null
 * @param liveApplied  after a change: whether the live values were applied (null on a plain read)
 */
public record GuestLimits(String guest, String digest, boolean running, String driver, long pageSize,
        List<LimitRow> rows, List<DiskLimitEntry> diskLimits, DiskQuotaState diskQuota, @Nullable String tmpSize,
        @Nullable Boolean liveApplied) {

    public GuestLimits {
        rows = List.copyOf(rows);
        diskLimits = List.copyOf(diskLimits);
    }

    public @Nullable LimitRow row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** Whether the guest's disk limit is enforced now. */
    public boolean diskEnforced() {
        return diskQuota.enforced();
    }

    /** {@code enforced} or {@code not enforced: <why>}. */
    public String diskNote() {
        return diskQuota.summary();
    }

    GuestLimits withLiveApplied(boolean applied) {
        return new GuestLimits(guest, digest, running, driver, pageSize, rows, diskLimits, diskQuota, tmpSize, applied);
    }

    /** The state an apply just returned, which says more than a fresh read when applying failed. */
    GuestLimits withDiskQuota(DiskQuotaState state) {
        return new GuestLimits(guest, digest, running, driver, pageSize, rows, diskLimits, state, tmpSize, liveApplied);
    }
}
