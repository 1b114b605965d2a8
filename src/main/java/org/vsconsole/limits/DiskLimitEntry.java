package org.vsconsole.limits;

/**
 * One {@code dlimits/<id>/} entry; null parts are missing files (then util-vserver skips the
 * entry, which {@link #complete()} says).
 */
public record DiskLimitEntry(String id, String directory, Long spaceTotalKiB, Long inodesTotal, Integer reservedPercent,
        boolean disabled, boolean complete) {
}
