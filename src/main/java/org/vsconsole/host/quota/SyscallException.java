package org.vsconsole.host.quota;

import com.sun.jna.Native;
import java.io.IOException;
import java.util.Objects;

/** A system call failed; the message names what was attempted on what, and the kernel's reason. */
final class SyscallException extends IOException {

    private final int errno;

    SyscallException(String attempt, int errno) {
        super(attempt + ": " + describe(errno));
        this.errno = errno;
    }

    /** Never null: what was attempted on what, and the kernel's reason. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage(), "the constructor always sets it");
    }

    /** The failure of the call that just returned on this thread. */
    static SyscallException last(String attempt) {
        return new SyscallException(attempt, Native.getLastError());
    }

    int errno() {
        return errno;
    }

    static String describe(int errno) {
        String text = Kernel.C.strerror(errno);
        return text == null || text.isBlank() ? "errno " + errno : text;
    }
}
