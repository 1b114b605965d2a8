package org.vsconsole.host.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code vserver-stat}'s cgroup path finds a guest's {@code memory.stat} and
 * {@code cpuacct.stat}: {@code .defaults/cgroup/mnt} or {@code /sys/fs/cgroup} (one directory per
 * subsystem) or {@code /dev/cgroup}, then {@code .defaults/cgroup/base}, then the guest's
 * {@code cgroup/name} or its config directory's name.
 *
 * @param perSubsystem whether {@code memory/} and {@code cpuacct/} are separate hierarchies
 */
record CgroupLocation(Path mount, String base, boolean perSubsystem) {

    /**
     * @param explicitMount a mount given by the caller (tests, relocated roots); it takes the place
     *     of {@code .defaults/cgroup/mnt}, and per-subsystem layout is detected by its
     *     {@code memory/} directory since no {@code /sys/fs/cgroup} probe applies
     */
    static CgroupLocation resolve(Path configRoot, Optional<Path> explicitMount) {
        Path defaults = configRoot.resolve(".defaults/cgroup");
        boolean perSubsystem;
        Path mount;
        Optional<String> configuredMount = firstLine(defaults.resolve("mnt"));
        if (explicitMount.isPresent()) {
            mount = explicitMount.get();
            perSubsystem = Files.isDirectory(mount.resolve("memory"));
        } else if (configuredMount.isPresent()) {
            mount = Path.of(configuredMount.get());
            perSubsystem = false;
        } else if (Files.isDirectory(Path.of("/sys/fs/cgroup/memory"))) {
            mount = Path.of("/sys/fs/cgroup");
            perSubsystem = true;
        } else {
            mount = Path.of("/dev/cgroup");
            perSubsystem = false;
        }
        if (Files.exists(defaults.resolve("per-ss"))) {
            perSubsystem = true;
        }
        String base = firstLine(defaults.resolve("base")).orElse("");
        return new CgroupLocation(mount, base, perSubsystem);
    }

    Path file(String subsystem, String groupName, String fileName) {
        Path dir = perSubsystem ? mount.resolve(subsystem) : mount;
        if (!base.isEmpty()) {
            dir = dir.resolve(stripSlashes(base));
        }
        return dir.resolve(stripSlashes(groupName)).resolve(fileName);
    }

    /** The group of a guest: its {@code cgroup/name} file, else its config directory's name. */
    static String groupName(Path guestConfigDir) {
        return firstLine(guestConfigDir.resolve("cgroup/name")).orElse(guestConfigDir.getFileName().toString());
    }

    private static String stripSlashes(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return path.substring(start);
    }

    /** File content without trailing CR/LF, as the C tool trims it; empty when missing or empty. */
    private static Optional<String> firstLine(Path file) {
        try {
            String text = ProcFiles.readOrNull(file);
            if (text == null) {
                return Optional.empty();
            }
            int end = text.length();
            while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
            return end == 0 ? Optional.empty() : Optional.of(text.substring(0, end));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
