package org.vsconsole.host.quota;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc entry points the quota code needs. Errors are read from the return value and
 * {@link Native#getLastError()}, not from JNA's LastErrorException: POSIX lets a successful call
 * leave errno set, and readdir reports its end by NULL with errno untouched.
 */
interface Kernel extends Library {

    Kernel C = Native.load("c", Kernel.class);

    int open(byte[] path, int flags);

    int close(int fd);

    int ioctl(int fd, long request, Pointer argument);

    int statx(int dirfd, byte[] path, int flags, int mask, Pointer buffer);

    /** Takes ownership of {@code fd}: closedir closes it. */
    Pointer fdopendir(int fd);

    Pointer readdir64(Pointer dir);

    int closedir(Pointer dir);

    int dup(int fd);

    String strerror(int errno);

    /** openat2(dirfd, path, how, size): glibc has no wrapper on Debian 12. */
    long syscall(long number, long dirfd, byte[] path, Pointer how, long size);

    /** quotactl_fd(fd, cmd, id, addr): glibc has no wrapper either. */
    long syscall(long number, long fd, long cmd, long id, Pointer address);
}
