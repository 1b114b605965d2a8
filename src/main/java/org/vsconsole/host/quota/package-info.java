/**
 * Disk limits on a stock kernel: a guest's {@code dlimits/} entry becomes a project quota on ext4
 * or XFS, with the guest's XID as the project id. Everything goes straight to the kernel through
 * JNA (FS_IOC_FSSETXATTR to tag the tree, quotactl_fd(2) to set and read the limits), so no quota
 * tool, no device path and no shell is involved, and "enforced" is only ever said after the
 * kernel was seen holding the configured limits.
 *
 * <p>The tree walk never follows a symlink and never leaves the guest root's mount: every file is
 * opened relative to its directory with {@code openat2(RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV)}, so a
 * running guest that swaps a directory for a symlink cannot steer the walk onto host files.
 */
@NullMarked
package org.vsconsole.host.quota;

import org.jspecify.annotations.NullMarked;
