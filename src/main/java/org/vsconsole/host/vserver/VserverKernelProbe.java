package org.vsconsole.host.vserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides whether this host can run vserver guests. ENOSYS alone is ambiguous (no patch, or no
 * {@code CAP_CONTEXT}); the world-readable {@code /proc/virtual/info} tells the two apart, so the
 * reason shown to the admin names the right fix.
 */
public final class VserverKernelProbe {

    private final VserverSyscall syscall;
    private final Path procRoot;

    public VserverKernelProbe(VserverSyscall syscall, Path procRoot) {
        this.syscall = syscall;
        this.procRoot = procRoot;
    }

    /** Empty when the kernel answers; else why guests cannot be run through this driver. */
    public Optional<String> readOnlyReason() {
        OptionalInt version;
        try {
            version = syscall.getVersion();
        } catch (VserverSyscallException e) {
            return Optional.of("the vserver kernel interface cannot be used: " + e.getMessage());
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.of("the vserver system call cannot be reached: " + e.getMessage());
        }
        if (version.isPresent()) {
            return Optional.empty();
        }
        if (Files.exists(procRoot.resolve("virtual").resolve("info"))) {
            return Optional.of("the vserver system call answered ENOSYS although " + procRoot.resolve("virtual")
                    + " exists: the console lacks CAP_CONTEXT (run it as root in the host context)");
        }
        return Optional.of("this kernel has no Linux-VServer support (the vserver system call answered ENOSYS and "
                + procRoot.resolve("virtual") + " does not exist)");
    }
}
