package org.vsconsole.host.quota;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.vsconsole.base.Formats;
import org.vsconsole.host.MountTable;

/**
 * The file system holding a guest root, and whether it enforces project quotas. mountinfo gives
 * the type and the mount point for the message; the kernel's own quota state (Q_XGETQSTATV) is
 * what decides, since mount options alone do not show quotas turned on or off by quotaon.
 */
final class QuotaVolume {

    /** Only these two implement both the project ioctls and project quota enforcement. */
    private static final Set<String> PROJECT_QUOTA_TYPES = Set.of("ext4", "xfs");

    private QuotaVolume() {
    }

    /** Why project quotas cannot be enforced for {@code root}; empty when they can. */
    static Optional<String> problem(Fd root, Path rootPath, Path mountinfo) throws SyscallException, IOException {
        Fd.Stat stat = root.stat(rootPath.toString());
        if (stat.mountId() < 0) {
            return Optional.of("the kernel does not report mount ids (Linux 5.8 or later is needed)");
        }
        Optional<MountTable.Mount> mount = MountTable.byId(mountinfo, stat.mountId());
        if (mount.isEmpty()) {
            return Optional.of("the mount holding " + rootPath + " is not listed in " + mountinfo);
        }
        String type = mount.get().fsType();
        String where = "the file system of " + rootPath + " (" + Formats.printable(type) + " on " + mount.get().point() + ")";
        if (!PROJECT_QUOTA_TYPES.contains(type)) {
            return Optional.of(Formats.printable(type) + " has no project quotas (" + rootPath + " is on the " + Formats.printable(type)
                    + " mounted on " + mount.get().point() + "; ext4 or XFS is needed)");
        }
        int flags;
        try {
            flags = QuotaCtl.projectFlags(root, rootPath.toString());
        } catch (SyscallException e) {
            // Q_XGETQSTATV answers ENOSYS when no quota type is counted at all on the file system
            // (kernels before 5.14 lack quotactl_fd and say ENOSYS too; Debian 12 has 6.1)
            if (e.errno() != Abi.ENOSYS) {
                return Optional.of(where + " does not report a quota state: " + SyscallException.describe(e.errno()));
            }
            flags = 0;
        }
        if ((flags & Abi.FS_QUOTA_PDQ_ENFD) != 0) {
            return Optional.empty();
        }
        if ((flags & Abi.FS_QUOTA_PDQ_ACCT) != 0) {
            return Optional.of(where + " counts project quotas but does not enforce them (mount it with prjquota)");
        }
        return Optional.of(where + " is not mounted with prjquota" + ("ext4".equals(type)
                ? " (ext4 also needs the features quota and project: tune2fs -O quota,project while unmounted)"
                : ""));
    }

}
