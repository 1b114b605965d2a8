package org.vsconsole.host.config;

import org.jspecify.annotations.Nullable;

/**
 * One {@code dlimits/<id>/} entry. util-vserver silently skips an entry unless all four value
 * files exist, so {@link #complete()} tells the admin whether it will be applied at all.
 */
public record DiskLimit(String id, @Nullable String directory, @Nullable Long spaceTotalKiB, @Nullable Long inodesTotal,
        @Nullable Integer reservedPercent, boolean disabled) {

    public boolean complete() {
        return directory != null && spaceTotalKiB != null && inodesTotal != null && reservedPercent != null;
    }
}
