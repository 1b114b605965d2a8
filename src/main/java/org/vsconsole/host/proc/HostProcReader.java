package org.vsconsole.host.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host-wide figures under the proc root that are not per context: load, memory, the page
 * size and the boot id. Files are read line by line (gVisor-style kernels report a size of 0 or
 * 1 for them); what cannot be read stays unknown instead of failing the caller.
 */
public final class HostProcReader {

    /** Load averages; -1 each when unknown. */
    public record Load(double one, double five, double fifteen) {

        public static final Load UNKNOWN = new Load(-1, -1, -1);
    }

    /** {@code MemTotal} and {@code MemAvailable} in bytes; 0 each when unknown. */
    public record Memory(long totalBytes, long availableBytes) {

        public static final Memory UNKNOWN = new Memory(0, 0);
    }

    private static final long DEFAULT_PAGE_SIZE = 4096;
    private static final int MAX_LINES = 64;

    private final Path procRoot;

    public HostProcReader(Path procRoot) {
        this.procRoot = procRoot;
    }

    public Load load() {
        try {
            return parseLoad(Files.readString(procRoot.resolve("loadavg"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return Load.UNKNOWN;
        }
    }

    public Memory memory() {
        try {
            return parseMemory(head(procRoot.resolve("meminfo")));
        } catch (IOException | RuntimeException e) {
            return Memory.UNKNOWN;
        }
    }

    /** The first {@code KernelPageSize} of the console's own mappings; 4096 when unknown. */
    public long pageSize() {
        try {
            return parsePageSize(head(procRoot.resolve("self").resolve("smaps")));
        } catch (IOException | RuntimeException e) {
            return DEFAULT_PAGE_SIZE;
        }
    }

    /** The random id the kernel draws at every boot. */
    public String bootId() throws IOException {
        Path file = procRoot.resolve(Path.of("sys", "kernel", "random", "boot_id"));
        String id = head(file).strip();
        if (id.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return id;
    }

    /** {@code 0.52 0.58 0.59 1/467 12345}. */
    public static Load parseLoad(String loadavg) {
        String[] p = loadavg.trim().split("\\s+");
        return p.length < 3
                ? Load.UNKNOWN
                : new Load(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
    }

    /** {@code MemTotal:  16318480 kB} and {@code MemAvailable: …} → bytes. */
    public static Memory parseMemory(String meminfo) {
        long total = 0;
        long available = 0;
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                total = kibibytes(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kibibytes(line);
            }
        }
        return new Memory(total, available);
    }

    /** {@code KernelPageSize:  4 kB} → bytes; 4096 when absent or zero. */
    public static long parsePageSize(String smaps) {
        for (String line : smaps.split("\n")) {
            if (line.startsWith("KernelPageSize:")) {
                long bytes = kibibytes(line);
                return bytes > 0 ? bytes : DEFAULT_PAGE_SIZE;
            }
        }
        return DEFAULT_PAGE_SIZE;
    }

    private static long kibibytes(String line) {
        return Long.parseLong(line.trim().split("\\s+")[1]) * 1024;
    }

    /** The first lines of a proc file: the figures wanted are near the top, smaps is megabytes long. */
    private static String head(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            for (int i = 0; i < MAX_LINES && (line = in.readLine()) != null; i++) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }
}
