package org.vsconsole.host.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/** The libc calls a pty needs; Java has no API for any of them. */
interface PtyLibC extends Library {

    PtyLibC INSTANCE = Native.load("c", PtyLibC.class);

    int O_RDWR = 02;
    int O_NOCTTY = 0400;
    int O_NONBLOCK = 04000;
    int O_CLOEXEC = 02000000;
    long TIOCSWINSZ = 0x5414;
    short POLLIN = 0x001;
    short POLLOUT = 0x004;
    int EAGAIN = 11;
    int EINTR = 4;
    int EIO = 5;
    int SIGHUP = 1;
    int SIGKILL = 9;

    int posix_openpt(int flags) throws LastErrorException;

    int grantpt(int fd) throws LastErrorException;

    int unlockpt(int fd) throws LastErrorException;

    int ptsname_r(int fd, byte[] buffer, NativeLong length);

    /** {@code winsize} is {@code struct winsize}: rows, cols, xpixel, ypixel. */
    int ioctl(int fd, NativeLong request, short[] winsize) throws LastErrorException;

    /** {@code pollfd} is one {@code struct pollfd}: fd (int), events and revents (short), 8 bytes. */
    int poll(byte[] pollfd, NativeLong count, int timeoutMs) throws LastErrorException;

    NativeLong read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

    NativeLong write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;
}
