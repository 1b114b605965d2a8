package org.vsconsole.host;

/**
 * Whether the kernel holds a guest's disk limit, and what it counts. Usage and limits are what the
 * kernel reports, never a walk of the tree, so they are {@link #UNKNOWN} wherever nothing enforces.
 *
 * @param enforced    the configured limits hold: the linux driver says so only after reading them back
 *                    from the kernel; the vserver driver relies on util-vserver applying them at start
 * @param reason      when enforced, how (for the record); otherwise why not, in words for the page
 * @param usedKiB     space the kernel counts against the guest, or {@link #UNKNOWN}
 * @param inodesUsed  inodes the kernel counts against the guest, or {@link #UNKNOWN}
 * @param limitKiB    hard space limit the kernel holds, or {@link #UNKNOWN}
 * @param limitInodes hard inode limit the kernel holds, or {@link #UNKNOWN}
 */
public record DiskQuotaState(boolean enforced, String reason, long usedKiB, long inodesUsed, long limitKiB,
        long limitInodes) {

    public static final long UNKNOWN = -1;

    public DiskQuotaState {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a disk quota state needs a reason");
        }
    }

    public static DiskQuotaState notEnforced(String reason) {
        return new DiskQuotaState(false, reason, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);
    }

    public boolean usageKnown() {
        return usedKiB != UNKNOWN && inodesUsed != UNKNOWN;
    }

    /** {@code enforced} or {@code not enforced: <why>}, as the page and the API show it. */
    public String summary() {
        return enforced ? "enforced" : "not enforced: " + reason;
    }
}
