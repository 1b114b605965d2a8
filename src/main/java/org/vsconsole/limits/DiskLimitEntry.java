package org.vsconsole.limits;

import org.jspecify.annotations.Nullable;

/**
 * One {@code dlimits/<id>/} entry; null parts are missing files (then util-vserver skips the
 * entry, which {@link #complete()} says).
 */
public record DiskLimitEntry(String id, @Nullable String directory, @Nullable Long spaceTotalKiB, @Nullable Long inodesTotal,
        @Nullable Integer reservedPercent, boolean disabled, boolean complete) {
}
