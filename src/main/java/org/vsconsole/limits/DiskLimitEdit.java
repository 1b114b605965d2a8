package org.vsconsole.limits;

import org.jspecify.annotations.Nullable;

/**
 * A disk limit as typed by a user: entry id (a directory name under {@code dlimits/}), the host
 * directory (inside the guest root), space in KiB, inodes and reserved percent as ASCII decimals.
 */
public record DiskLimitEdit(String id, @Nullable String directory, @Nullable String spaceTotalKiB, @Nullable String inodesTotal,
        @Nullable String reservedPercent) {
}
