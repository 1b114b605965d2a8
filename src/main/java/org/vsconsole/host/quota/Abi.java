package org.vsconsole.host.quota;

import java.util.Optional;

/**
 * Numbers of the Linux ABI the quota code uses. Syscall numbers, ioctl codes and the statx,
 * fsxattr and if_dqblk layouts are the same on x86_64 and arm64; only a few open flags differ, so
 * those two architectures are supported and any other is refused by name instead of guessed at.
 */
final class Abi {

    static final int O_RDONLY = 0;
    static final int O_NOCTTY = 0x100;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int O_PATH = 0x200000;

    static final long SYS_OPENAT2 = 437;
    static final long SYS_QUOTACTL_FD = 443;
    static final long RESOLVE_NO_XDEV = 0x01;
    static final long RESOLVE_NO_SYMLINKS = 0x04;
    static final long RESOLVE_BENEATH = 0x08;
    static final int OPEN_HOW_SIZE = 24;

    static final int AT_EMPTY_PATH = 0x1000;
    static final int STATX_TYPE = 0x1;
    static final int STATX_MNT_ID = 0x1000;
    static final int STATX_SIZE = 256;
    static final int STATX_OFF_MASK = 0;
    static final int STATX_OFF_MODE = 28;
    static final int STATX_OFF_MNT_ID = 144;
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;

    static final int DIRENT_OFF_TYPE = 18;
    static final int DIRENT_OFF_NAME = 19;
    static final int DT_UNKNOWN = 0;
    static final int DT_DIR = 4;
    static final int DT_REG = 8;

    /** _IOR('X', 31, struct fsxattr) and _IOW('X', 32, struct fsxattr); struct fsxattr is 28 bytes. */
    static final long FS_IOC_FSGETXATTR = 0x801C581FL;
    static final long FS_IOC_FSSETXATTR = 0x401C5820L;
    static final int FSXATTR_SIZE = 28;
    static final int FSXATTR_OFF_XFLAGS = 0;
    static final int FSXATTR_OFF_PROJID = 12;
    static final int FS_XFLAG_IMMUTABLE = 0x8;
    static final int FS_XFLAG_APPEND = 0x10;
    static final int FS_XFLAG_PROJINHERIT = 0x200;

    static final int PRJQUOTA = 2;
    static final int Q_GETQUOTA = 0x800007;
    static final int Q_SETQUOTA = 0x800008;
    static final int Q_XGETQSTATV = ('X' << 8) + 8;
    static final int FS_QSTATV_VERSION1 = 1;
    static final int FS_QUOTA_STATV_SIZE = 160;
    static final int FS_QUOTA_PDQ_ACCT = 1 << 4;
    static final int FS_QUOTA_PDQ_ENFD = 1 << 5;
    /** struct if_dqblk: eight u64 then a u32, padded to 72 bytes; limits in 1 KiB blocks. */
    static final int DQBLK_SIZE = 72;
    static final int DQBLK_OFF_BHARD = 0;
    static final int DQBLK_OFF_BSOFT = 8;
    static final int DQBLK_OFF_CURSPACE = 16;
    static final int DQBLK_OFF_IHARD = 24;
    static final int DQBLK_OFF_ISOFT = 32;
    static final int DQBLK_OFF_CURINODES = 40;
    static final int DQBLK_OFF_VALID = 64;
    static final int QIF_BLIMITS = 1;
    static final int QIF_ILIMITS = 4;

    static final int ENOENT = 2;
    static final int EXDEV = 18;
    static final int ENOTDIR = 20;
    static final int ENOSYS = 38;
    static final int ELOOP = 40;

    private static final String ARCH = System.getProperty("os.arch");
    private static final boolean ARM64 = "aarch64".equals(ARCH);

    static final int O_DIRECTORY = ARM64 ? 0x4000 : 0x10000;
    static final int O_NOFOLLOW = ARM64 ? 0x8000 : 0x20000;

    private Abi() {
    }

    /** Why the quota code cannot run on this machine, if so. */
    static Optional<String> unsupported() {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return Optional.of("project quotas need Linux");
        }
        if (!ARM64 && !"amd64".equals(ARCH)) {
            return Optional.of("project quotas are wired for x86_64 and arm64 only, not " + ARCH);
        }
        return Optional.empty();
    }

    /** QCMD(cmd, PRJQUOTA) as the unsigned int the kernel takes. */
    static long projectCommand(int command) {
        return ((long) command << 8 | PRJQUOTA) & 0xFFFF_FFFFL;
    }
}
