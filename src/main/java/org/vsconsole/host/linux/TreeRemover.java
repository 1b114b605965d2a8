package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.MountTable;

/**
 * Deletes a guest tree the careful way: refuses when anything is mounted inside (naming it), never
 * follows a symlink (the link itself is removed) and never descends into another file system.
 */
final class TreeRemover {

    /** A guest tree can hold millions of files; far beyond this something is wrong with the disk. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    /** What GNU rm says of a directory on another file system. */
    private static final Pattern SKIPPED = Pattern.compile("skipping '(.+)', since it's on a different device");

    private final Path mountinfo;

    TreeRemover(Path mountinfo) {
        this.mountinfo = mountinfo;
    }

    /** Mount points at or below {@code root}, as the kernel lists them for this namespace. */
    List<Path> mountsInside(Path root) throws IOException {
        return MountTable.mountsAtOrBelow(mountinfo, root);
    }

    /**
     * Returns what could not be removed (paths on another device); empty when all is gone. GNU
     * {@code rm} walks relative to each directory's descriptor, so a tree a guest made deeper than
     * PATH_MAX goes too (Java's walk names every file by its whole path and stops there); it
     * never follows a symlink and, with {@code --one-file-system}, never leaves the tree's file
     * system.
     */
    List<Path> delete(Path root) throws IOException {
        String rm = HostTools.find("rm").orElseThrow(() -> new IOException("rm (coreutils) is not installed"));
        StringBuilder out = new StringBuilder();
        ExecResult result = LinuxCommands.stream("delete", null,
                List.of(rm, "-rf", "--one-file-system", "--", root.toString()), line -> out.append(line).append('\n'),
                TIMEOUT);
        List<Path> skipped = new ArrayList<>();
        Matcher skip = SKIPPED.matcher(out);
        while (skip.find()) {
            skipped.add(Path.of(skip.group(1)));
        }
        if (result.timedOut() || (result.exitCode() != 0 && skipped.isEmpty())) {
            throw new IOException("rm " + (result.timedOut() ? "did not finish within " + TIMEOUT.toMinutes() + " min"
                    : "failed (exit " + result.exitCode() + ")") + ": " + out.toString().strip());
        }
        return skipped;
    }
}
