package org.vsconsole.limits;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The host's page size and memory size, read once from {@code /proc}: page limits are shown as
 * MiB with the real page size, and a {@code /tmp} tmpfs may not be larger than the host's memory.
 */
@Component
class HostFacts {

    private final long pageSize;
    private final long memTotalBytes;

    HostFacts(@Value("${vsconsole.limits.meminfo:/proc/meminfo}") Path meminfo,
            @Value("${vsconsole.limits.smaps:/proc/self/smaps}") Path smaps) {
        this.pageSize = readPageSize(smaps);
        this.memTotalBytes = readMemTotal(meminfo);
    }

    long pageSize() {
        return pageSize;
    }

    /** MemTotal in bytes; 0 when it cannot be read (then every tmpfs size is refused with that reason). */
    long memTotalBytes() {
        return memTotalBytes;
    }

    /** {@code MemTotal:  16318480 kB} → bytes. */
    static long readMemTotal(Path meminfo) {
        try (BufferedReader in = Files.newBufferedReader(meminfo, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < 64; i++) {
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                if (line.startsWith("MemTotal:")) {
                    String[] parts = line.substring(9).trim().split("\\s+");
                    long kb = Long.parseLong(parts[0]);
                    return kb * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The first {@code KernelPageSize: 4 kB} of the process's own mappings; 4096 when unknown. */
    static long readPageSize(Path smaps) {
        try (BufferedReader in = Files.newBufferedReader(smaps, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < 64; i++) {
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                if (line.startsWith("KernelPageSize:")) {
                    String[] parts = line.substring(15).trim().split("\\s+");
                    long kb = Long.parseLong(parts[0]);
                    return kb > 0 ? kb * 1024 : 4096;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 4096;
        }
        return 4096;
    }
}
