package org.vsconsole.host;

/**
 * Space and inodes used by a guest tree, measured by walking it.
 *
 * @param spaceKiB  allocated KiB (apparent size rounded up to 4 KiB blocks where the JDK gives no block count)
 * @param inodes    files, directories and links, hard links counted once
 * @param complete  false when the walk hit its time bound: the numbers are then lower bounds
 * @param note      what the numbers mean on this host, for the page
 */
public record DiskUsage(long spaceKiB, long inodes, boolean complete, String note) {
}
