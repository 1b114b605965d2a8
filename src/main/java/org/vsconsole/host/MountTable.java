package org.vsconsole.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The mount points of a {@code mountinfo} file ({@code /proc/self/mountinfo} normally), as both
 * drivers need them before deleting a guest root: nothing mounted inside may be removed with it.
 */
public final class MountTable {

    private MountTable() {
    }

    /** Mount points at or below {@code root}, in the order the kernel lists them. */
    public static List<Path> mountsAtOrBelow(Path mountinfo, Path root) throws IOException {
        List<Path> inside = new ArrayList<>();
        for (String line : Files.readAllLines(mountinfo)) {
            String[] fields = line.split(" ");
            if (fields.length < 5) {
                continue;
            }
            Path point = Path.of(unescape(fields[4]));
            if (point.startsWith(root)) {
                inside.add(point);
            }
        }
        return inside;
    }

    /** mountinfo escapes space, tab, newline and backslash as three octal digits. */
    public static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The mount with the kernel's mount id {@code mountId} (the first mountinfo field, what
     * {@code statx} reports as {@code stx_mnt_id}): matching by id instead of by path prefix gives
     * the right answer under bind mounts, over-mounts and symlinked paths.
     */
    public static Optional<Mount> byId(Path mountinfo, long mountId) throws IOException {
        for (String line : Files.readAllLines(mountinfo)) {
            String[] fields = line.split(" ");
            int separator = Arrays.asList(fields).indexOf("-");
            if (separator < 6 || fields.length < separator + 4) {
                continue;
            }
            long id;
            try {
                id = Long.parseLong(fields[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (id == mountId) {
                return Optional.of(new Mount(id, Path.of(unescape(fields[4])), unescape(fields[separator + 1]),
                        unescape(fields[separator + 2]), List.of(fields[separator + 3].split(","))));
            }
        }
        return Optional.empty();
    }

    /**
     * One mountinfo line: mount point, file system type, source and the super-block options (where
     * {@code prjquota} and the like appear, unlike the per-mount options).
     */
    public record Mount(long id, Path point, String fsType, String source, List<String> superOptions) {

        public Mount {
            superOptions = List.copyOf(superOptions);
        }
    }
}
