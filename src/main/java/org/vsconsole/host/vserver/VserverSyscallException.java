package org.vsconsole.host.vserver;

/** A {@code vserver(2)} call returned -1; {@code errno} says why (ENOSYS, ESRCH, EPERM, …). */
public class VserverSyscallException extends RuntimeException {

    private final int errno;

    public VserverSyscallException(String command, int errno) {
        super("vserver syscall " + command + " failed: " + errnoName(errno) + " (" + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    static String errnoName(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 3 -> "ESRCH";
            case 13 -> "EACCES";
            case 14 -> "EFAULT";
            case 22 -> "EINVAL";
            case VserverSyscall.ENOSYS -> "ENOSYS";
            default -> "errno";
        };
    }
}
