package org.vsconsole.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vsconsole.host.process.CommandResult;
import org.vsconsole.host.process.HostTools;
import org.vsconsole.host.process.ProcessRunner;

/**
 * The one way the console deletes a tree (a guest root, a config dir, a staging copy). Before
 * anything goes it refuses, naming why: a path that is relative, not normal or less than two
 * levels deep, a root that is not a real directory (a link is not followed), or anything mounted
 * at or below it. Then GNU {@code rm -rf --one-file-system} removes it: it walks relative to
 * each directory's descriptor with {@code O_NOFOLLOW} and checks device and inode on the way
 * back up, so a directory swapped for a link mid-walk cannot redirect it, a tree a guest made
 * deeper than PATH_MAX goes too (a Java walk names every file by its whole path and stops
 * there), and it never leaves the tree's file system.
 */
public final class TreeRemover {

    /** A guest tree can hold millions of files; far beyond this something is wrong with the disk. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    /** What GNU rm says of a directory on another file system. */
    private static final Pattern SKIPPED = Pattern.compile("skipping '(.+)', since it's on a different device");
    private static final ProcessRunner RUNNER = new ProcessRunner(ProcessRunner.hostEnvironment());

    private final Path mountinfo;

    /** @param mountinfo the mount table to check, normally {@code /proc/self/mountinfo} */
    public TreeRemover(Path mountinfo) {
        this.mountinfo = mountinfo;
    }

    /** Against this process's own mount table. */
    public static TreeRemover ofThisProcess() {
        return new TreeRemover(Path.of("/proc/self/mountinfo"));
    }

    /**
     * Removes {@code root} and everything below it; nothing to do when it does not exist.
     *
     * @throws IOException naming the reason; on a refusal the tree is left as it was
     */
    public void remove(Path root) throws IOException {
        if (!root.isAbsolute() || !root.normalize().equals(root) || root.getNameCount() < 2) {
            throw new IOException("refusing to delete " + root + ": not an absolute path at least two levels deep");
        }
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing to delete " + root + ": not a directory (a symlink is not followed)");
        }
        List<Path> mounts = mountsInside(root);
        if (!mounts.isEmpty()) {
            throw new IOException("refusing to delete " + root + ": " + mounts.getFirst()
                    + " is mounted inside it (unmount it first)");
        }
        String rm = HostTools.find("rm").orElseThrow(() -> new IOException("rm (coreutils) is not installed"));
        CommandResult result = RUNNER.run(ProcessRunner.Command.merged(
                List.of(rm, "-rf", "--one-file-system", "--", root.toString()), TIMEOUT, line -> {
                }));
        List<Path> skipped = new ArrayList<>();
        Matcher skip = SKIPPED.matcher(result.stdout());
        while (skip.find()) {
            skipped.add(Path.of(skip.group(1)));
        }
        if (!skipped.isEmpty()) {
            throw new IOException("left " + skipped.getFirst() + " in place: it is on another file system");
        }
        if (!result.succeeded()) {
            throw new IOException("rm " + (result.timedOut()
                    ? "did not finish within " + TIMEOUT.toMinutes() + " min"
                    : "failed (exit " + result.exitCode() + ")") + ": " + result.ownMessage());
        }
    }

    /**
     * Mount points at or below {@code root}, as the kernel lists them; also under its real path,
     * since the mount table names real paths and the root may sit behind a linked parent.
     */
    public List<Path> mountsInside(Path root) throws IOException {
        List<Path> mounts = MountTable.mountsAtOrBelow(mountinfo, root);
        if (mounts.isEmpty() && Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            Path real = root.toRealPath();
            if (!real.equals(root)) {
                mounts = MountTable.mountsAtOrBelow(mountinfo, real);
            }
        }
        return mounts;
    }
}
