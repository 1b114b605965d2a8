package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether root may map a guest's range: LXC writes the id maps through {@code newuidmap} and
 * {@code newgidmap}, which refuse any range not granted to root in {@code /etc/subuid} and
 * {@code /etc/subgid}. Checked before a start so the user reads which line is missing instead
 * of LXC's log.
 */
final class SubordinateIds {

    private final Path subuid;
    private final Path subgid;

    SubordinateIds(Path subuid, Path subgid) {
        this.subuid = subuid;
        this.subgid = subgid;
    }

    static SubordinateIds system() {
        return new SubordinateIds(Path.of("/etc/subuid"), Path.of("/etc/subgid"));
    }

    /** Why {@code count} ids from the range's base cannot be mapped, or empty when both files grant them. */
    Optional<String> problem(IdRange range, long count) {
        for (Path file : List.of(subuid, subgid)) {
            if (!grants(file, range.base(), count)) {
                return Optional.of(file + " does not grant root the ids " + range.base() + "-"
                        + (range.base() + count - 1) + " (add the line " + IdRange.subordinateLine()
                        + "; scripts/setup-host.sh does)");
            }
        }
        return Optional.empty();
    }

    private static boolean grants(Path file, long base, long wanted) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return false;
        }
        for (String line : lines) {
            String[] f = line.trim().split(":");
            if (f.length == 3 && (f[0].equals("root") || f[0].equals("0"))
                    && f[1].matches("\\d{1,10}") && f[2].matches("\\d{1,10}")) {
                long start = Long.parseLong(f[1]);
                long count = Long.parseLong(f[2]);
                if (start <= base && base + wanted <= start + count) {
                    return true;
                }
            }
        }
        return false;
    }
}
