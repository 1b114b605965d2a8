package org.vsconsole.host.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vsconsole.host.LimitValues;

/**
 * One cgroup per context under a console-owned parent, on whichever hierarchy the host offers.
 * Files are read fresh on every call: the kernel, not this object, knows what runs.
 */
sealed interface CgroupTree permits CgroupV1, CgroupV2 {

    /**
     * Picks the unified hierarchy when it carries the pids and memory controllers (pure v2 at
     * {@code root}, or hybrid at {@code root/unified}); otherwise the v1 controllers.
     */
    static Optional<CgroupTree> detect(Path root, String parent) {
        for (Path unified : List.of(root, root.resolve("unified"))) {
            Path controllers = unified.resolve("cgroup.controllers");
            if (Files.isReadable(controllers)) {
                Set<String> names = Set.of(readString(controllers).trim().split("\\s+"));
                if (names.contains("pids") && names.contains("memory")) {
                    return Optional.of(new CgroupV2(unified, parent));
                }
            }
        }
        if (Files.isDirectory(root.resolve("pids")) && Files.isDirectory(root.resolve("memory"))
                && Files.isDirectory(root.resolve("cpuacct"))) {
            return Optional.of(new CgroupV1(root, parent));
        }
        return Optional.empty();
    }

    /** {@code v1} or {@code v2}, for messages. */
    String version();

    /** Creates the context's cgroups (and the parent) when missing. */
    void create(int xid) throws IOException;

    boolean exists(int xid);

    /** The {@code cgroup.procs} files a process writes itself into to join the context. */
    List<Path> procsFiles(int xid);

    /** Host pids of the context's processes; empty when the context does not exist. */
    List<Integer> pids(int xid);

    /** Removes the context's cgroups; the kernel refuses while a process is left. */
    void remove(int xid) throws IOException;

    CgroupFigures figures(int xid) throws IOException;

    void setPidsMax(int xid, long max) throws IOException;

    void setMemoryLimit(int xid, long bytes) throws IOException;

    static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Integer> readPids(Path procs) {
        try {
            List<Integer> pids = new ArrayList<>();
            for (String line : Files.readString(procs).split("\n")) {
                if (!line.isBlank()) {
                    pids.add(Integer.parseInt(line.trim()));
                }
            }
            return pids;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of {@code key} in a flat-keyed file such as {@code pids.events}; 0 when absent. */
    static long keyed(Path file, String key) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return 0; // older kernels lack some files (memory.peak, pids.events)
        }
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(key)) {
                return Long.parseLong(parts[1]);
            }
        }
        return 0;
    }

    /** A number file; {@code max} and v1's near-2^63 "no limit" values read as UNLIMITED. */
    static long number(Path file) throws IOException {
        String value;
        try {
            value = Files.readString(file).trim();
        } catch (NoSuchFileException e) {
            return 0;
        }
        if (value.equals("max")) {
            return LimitValues.UNLIMITED;
        }
        long parsed = Long.parseLong(value);
        return parsed >= (1L << 62) ? LimitValues.UNLIMITED : parsed;
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }
}
