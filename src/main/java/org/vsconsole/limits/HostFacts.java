package org.vsconsole.limits;

import java.nio.file.Path;
import org.springframework.stereotype.Component;
import org.vsconsole.host.proc.HostProcReader;

/**
 * The host's page size and memory size, read once from the real {@code /proc}: page limits are
 * shown as MiB with the real page size, and a {@code /tmp} tmpfs may not be larger than the
 * host's memory.
 */
@Component
class HostFacts {

    private final long pageSize;
    private final long memTotalBytes;

    HostFacts() {
        HostProcReader proc = new HostProcReader(Path.of("/proc"));
        this.pageSize = proc.pageSize();
        this.memTotalBytes = proc.memory().totalBytes();
    }

    long pageSize() {
        return pageSize;
    }

    /** MemTotal in bytes; 0 when it cannot be read (then every tmpfs size is refused with that reason). */
    long memTotalBytes() {
        return memTotalBytes;
    }
}
