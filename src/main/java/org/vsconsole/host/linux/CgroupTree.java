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
import java.util.stream.Stream;
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

    boolean exists(int xid);

    /** Every context that has a cgroup under the parent, running or left over, in ascending order. */
    List<Integer> contexts();

    /** The numeric entries of {@code parentDir}: the contexts' cgroups (not {@code monitor.<xid>}). */
    static List<Integer> numericEntries(Path parentDir) {
        List<Integer> xids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(parentDir)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{1,5}") && Files.isDirectory(parentDir.resolve(n)))
                    .map(Integer::parseInt).sorted().forEach(xids::add);
        } catch (IOException | UncheckedIOException e) {
            // no parent yet: no guest ever ran
        }
        return xids;
    }

    /**
     * Host pids of the context's processes, those in cgroups the guest made below its own
     * included; empty when the context does not exist.
     */
    List<Integer> pids(int xid);

    /**
     * Removes what a crashed start or a killed LXC monitor left of the context and its monitor
     * (LXC refuses to start into an existing cgroup); cgroups that still hold a process stay.
     */
    void removeLeftovers(int xid);

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

    /** The most cgroups read below one context: a guest cannot make the sampler walk without end. */
    int MAX_CGROUPS = 4096;

    /** Pids in {@code dir} and every cgroup below it, read in one walk. */
    static List<Integer> readPids(Path dir) {
        List<Integer> pids = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path cgroup : (Iterable<Path>) dirs.filter(Files::isDirectory).limit(MAX_CGROUPS)::iterator) {
                Path procs = cgroup.resolve("cgroup.procs");
                try {
                    for (String line : Files.readString(procs).split("\n")) {
                        if (!line.isBlank()) {
                            pids.add(Integer.parseInt(line.trim()));
                        }
                    }
                } catch (NoSuchFileException e) {
                    // the guest removed this cgroup meanwhile
                } catch (IOException e) {
                    // a cgroup being torn down answers ENODEV to a read: gone too, not an error
                    if (!"No such device".equals(e.getMessage()) && Files.isDirectory(cgroup)) {
                        throw e;
                    }
                }
            }
            return pids;
        } catch (NoSuchFileException | UncheckedIOException e) {
            return pids; // the context went away while it was read
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code dir} and the empty cgroups below it, deepest first; ignores what the kernel keeps. */
    static void removeEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(dir)) {
            dirs.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).limit(MAX_CGROUPS).forEach(d -> {
                try {
                    Files.delete(d);
                } catch (IOException e) {
                    // still busy: the next start or stop tries again
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // gone meanwhile
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
