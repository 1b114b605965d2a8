package org.vsconsole.host.quota;

import com.sun.jna.Memory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An open file descriptor, closed exactly once. Paths are passed to the kernel as bytes: names
 * inside a guest tree need not be valid in any charset, and a name read from a directory must
 * reach openat2 exactly as the kernel gave it.
 */
final class Fd implements AutoCloseable {

    /** The charset the JVM names files in, so a {@link Path} reaches the same file through JNA. */
    private static final Charset FILE_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"),
            StandardCharsets.UTF_8);

    private final int value;
    private boolean closed;

    private Fd(int value) {
        this.value = value;
    }

    int value() {
        return value;
    }

    static Fd open(Path path, int flags) throws SyscallException {
        int fd = Kernel.C.open(cString(path.toString().getBytes(FILE_NAMES)), flags | Abi.O_CLOEXEC);
        if (fd < 0) {
            throw SyscallException.last("cannot open " + path);
        }
        return new Fd(fd);
    }

    /**
     * Opens {@code relative} below this directory without following any symlink and without
     * entering another mount; {@code shown} names it in an error.
     */
    Fd openBeneath(byte[] relative, int flags, String shown) throws SyscallException {
        try (Memory how = new Memory(Abi.OPEN_HOW_SIZE)) {
            how.clear();
            how.setLong(0, (flags | Abi.O_CLOEXEC) & 0xFFFF_FFFFL);
            how.setLong(16, Abi.RESOLVE_NO_SYMLINKS | Abi.RESOLVE_NO_XDEV | Abi.RESOLVE_BENEATH);
            long fd = Kernel.C.syscall(Abi.SYS_OPENAT2, value, cString(relative), how, Abi.OPEN_HOW_SIZE);
            if (fd < 0) {
                throw SyscallException.last("cannot open " + shown);
            }
            return new Fd((int) fd);
        }
    }

    /**
     * Opens the very file this (typically O_PATH) descriptor refers to, through its /proc link:
     * no name is looked up again, so nothing swapped in meanwhile can be opened instead.
     */
    Fd reopen(int flags, String shown) throws SyscallException {
        return open(Path.of("/proc/self/fd/" + value), flags, shown);
    }

    private static Fd open(Path path, int flags, String shown) throws SyscallException {
        int fd = Kernel.C.open(cString(path.toString().getBytes(StandardCharsets.US_ASCII)), flags | Abi.O_CLOEXEC);
        if (fd < 0) {
            throw SyscallException.last("cannot open " + shown);
        }
        return new Fd(fd);
    }

    /** File type and mount id of what this descriptor refers to. */
    Stat stat(String shown) throws SyscallException {
        try (Memory buffer = new Memory(Abi.STATX_SIZE)) {
            buffer.clear();
            if (Kernel.C.statx(value, new byte[]{0}, Abi.AT_EMPTY_PATH, Abi.STATX_TYPE | Abi.STATX_MNT_ID, buffer) != 0) {
                throw SyscallException.last("cannot stat " + shown);
            }
            boolean hasMountId = (buffer.getInt(Abi.STATX_OFF_MASK) & Abi.STATX_MNT_ID) != 0;
            return new Stat(buffer.getShort(Abi.STATX_OFF_MODE) & 0xFFFF,
                    hasMountId ? buffer.getLong(Abi.STATX_OFF_MNT_ID) : -1);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Kernel.C.close(value);
        }
    }

    /** A byte string with the NUL the kernel expects; a NUL inside would silently cut the name. */
    static byte[] cString(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException("a path must not contain NUL");
            }
        }
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /** {@code mountId} is -1 on kernels before 5.8, which do not report it. */
    record Stat(int mode, long mountId) {

        boolean isDirectory() {
            return (mode & Abi.S_IFMT) == Abi.S_IFDIR;
        }

        boolean isRegularFile() {
            return (mode & Abi.S_IFMT) == Abi.S_IFREG;
        }
    }
}
