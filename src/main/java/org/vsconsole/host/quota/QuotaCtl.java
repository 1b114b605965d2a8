package org.vsconsole.host.quota;

import com.sun.jna.Memory;

/**
 * Project quotas of the file system an open descriptor lives on, through quotactl_fd(2) (Linux
 * 5.14+): unlike quotactl(2) it needs no block device path, which mountinfo cannot always give
 * ({@code /dev/root}, device nodes missing in this mount namespace).
 */
final class QuotaCtl {

    /** What the kernel holds for one project: usage in bytes and inodes, hard limits in KiB and inodes (0 = none). */
    record Usage(long bytes, long inodes, long hardKiB, long hardInodes) {
    }

    private QuotaCtl() {
    }

    /** FS_QUOTA_* flags of the project quota (accounting, enforcement) on {@code anyFile}'s file system. */
    static int projectFlags(Fd anyFile, String shown) throws SyscallException {
        try (Memory stat = new Memory(Abi.FS_QUOTA_STATV_SIZE)) {
            stat.clear();
            stat.setByte(0, (byte) Abi.FS_QSTATV_VERSION1);
            call(anyFile, Abi.Q_XGETQSTATV, 0, stat, "cannot read the quota state of " + shown);
            return stat.getShort(2) & (Abi.FS_QUOTA_PDQ_ACCT | Abi.FS_QUOTA_PDQ_ENFD);
        }
    }

    /** XFS answers ENOENT for a project it has never counted anything for: that is no usage and no limit. */
    static Usage get(Fd anyFile, int projectId, String shown) throws SyscallException {
        try (Memory dq = new Memory(Abi.DQBLK_SIZE)) {
            dq.clear();
            try {
                call(anyFile, Abi.Q_GETQUOTA, projectId, dq, "cannot read project quota " + projectId + " of " + shown);
            } catch (SyscallException e) {
                if (e.errno() == Abi.ENOENT) {
                    return new Usage(0, 0, 0, 0);
                }
                throw e;
            }
            return new Usage(dq.getLong(Abi.DQBLK_OFF_CURSPACE), dq.getLong(Abi.DQBLK_OFF_CURINODES),
                    dq.getLong(Abi.DQBLK_OFF_BHARD), dq.getLong(Abi.DQBLK_OFF_IHARD));
        }
    }

    /** Hard limits only (soft 0): a guest at its limit is refused at once, not after a grace time. */
    static void setHard(Fd anyFile, int projectId, long kib, long inodes, String shown) throws SyscallException {
        try (Memory dq = new Memory(Abi.DQBLK_SIZE)) {
            dq.clear();
            dq.setLong(Abi.DQBLK_OFF_BHARD, kib);
            dq.setLong(Abi.DQBLK_OFF_BSOFT, 0);
            dq.setLong(Abi.DQBLK_OFF_IHARD, inodes);
            dq.setLong(Abi.DQBLK_OFF_ISOFT, 0);
            dq.setInt(Abi.DQBLK_OFF_VALID, Abi.QIF_BLIMITS | Abi.QIF_ILIMITS);
            call(anyFile, Abi.Q_SETQUOTA, projectId, dq, "cannot set project quota " + projectId + " on " + shown);
        }
    }

    private static void call(Fd anyFile, int command, int id, Memory buffer, String attempt) throws SyscallException {
        long result = Kernel.C.syscall(Abi.SYS_QUOTACTL_FD, anyFile.value(), Abi.projectCommand(command), id, buffer);
        if (result != 0) {
            throw SyscallException.last(attempt);
        }
    }
}
