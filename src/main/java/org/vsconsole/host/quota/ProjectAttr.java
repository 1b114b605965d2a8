package org.vsconsole.host.quota;

import com.sun.jna.Memory;

/**
 * The project id and the inherit flag of one inode (struct fsxattr, the interface ext4 and XFS
 * share). The set is a read-modify-write so the other xflags (immutable, append, …) survive.
 */
record ProjectAttr(int projectId, boolean inherits) {

    static ProjectAttr of(Fd file, String shown) throws SyscallException {
        try (Memory attr = get(file, shown)) {
            return new ProjectAttr(attr.getInt(Abi.FSXATTR_OFF_PROJID),
                    (attr.getInt(Abi.FSXATTR_OFF_XFLAGS) & Abi.FS_XFLAG_PROJINHERIT) != 0);
        }
    }

    /**
     * Puts the inode into project {@code projectId}; {@code inherit} (directories only) makes
     * what is created inside later join the project too. ext4 and XFS move the inode's usage
     * from its old project to the new one as part of this call.
     *
     * <p>ext4 refuses a new project on an immutable or append-only inode (EPERM), so those flags
     * are lifted for the change and put back at once; the change itself clears them first because
     * ext4 applies the flags before the project within one call.
     */
    static void set(Fd file, int projectId, boolean inherit, String shown) throws SyscallException {
        try (Memory attr = get(file, shown)) {
            int flags = attr.getInt(Abi.FSXATTR_OFF_XFLAGS);
            int wanted = inherit ? flags | Abi.FS_XFLAG_PROJINHERIT : flags;
            if (attr.getInt(Abi.FSXATTR_OFF_PROJID) == projectId && flags == wanted) {
                return;
            }
            int locks = wanted & (Abi.FS_XFLAG_IMMUTABLE | Abi.FS_XFLAG_APPEND);
            attr.setInt(Abi.FSXATTR_OFF_PROJID, projectId);
            attr.setInt(Abi.FSXATTR_OFF_XFLAGS, wanted & ~locks);
            if (Kernel.C.ioctl(file.value(), Abi.FS_IOC_FSSETXATTR, attr) != 0) {
                throw SyscallException.last("cannot put " + shown + " into project " + projectId);
            }
            if (locks != 0) {
                attr.setInt(Abi.FSXATTR_OFF_XFLAGS, wanted);
                if (Kernel.C.ioctl(file.value(), Abi.FS_IOC_FSSETXATTR, attr) != 0) {
                    throw SyscallException.last("put " + shown + " into project " + projectId
                            + " but could not make it immutable/append-only again");
                }
            }
        }
    }

    boolean marks(int project) {
        return projectId == project && inherits;
    }

    private static Memory get(Fd file, String shown) throws SyscallException {
        Memory attr = new Memory(Abi.FSXATTR_SIZE);
        attr.clear();
        if (Kernel.C.ioctl(file.value(), Abi.FS_IOC_FSGETXATTR, attr) != 0) {
            SyscallException failure = SyscallException.last("cannot read the project of " + shown);
            attr.close();
            throw failure;
        }
        return attr;
    }
}
