package org.vsconsole.limits;

/**
 * A disk limit as typed by a user: entry id (a directory name under {@code dlimits/}), the host
 * directory (inside the guest root), space in KiB, inodes and reserved percent as ASCII decimals.
 */
public record DiskLimitEdit(String id, String directory, String spaceTotalKiB, String inodesTotal, String reservedPercent) {
}
