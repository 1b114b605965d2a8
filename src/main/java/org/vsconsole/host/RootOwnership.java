package org.vsconsole.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.vsconsole.host.config.GuestConfig;

/**
 * Whether a guest's root tree belongs to that guest alone, asked before it is deleted. A guest
 * directory copied by hand keeps its {@code vdir} link, so two guests can name one tree; a
 * {@code vdir} edited by hand can name any folder of the host, or a mounted file system. Deleting
 * the tree of such a guest would delete what belongs to someone else, so it is refused with the
 * reason instead. Paths are compared after resolving symlinks (of parents and of the root itself),
 * as {@code /var/lib/vservers} is often a link into a bigger disk.
 */
public final class RootOwnership {

    private final Path guestsRoot;
    private final Path mountinfo;

    /**
     * @param guestsRoot the folder holding guest roots; a deletable root lies strictly below it
     * @param mountinfo  the mount table to check ({@code /proc/self/mountinfo} normally)
     */
    public RootOwnership(Path guestsRoot, Path mountinfo) {
        this.guestsRoot = guestsRoot;
        this.mountinfo = mountinfo;
    }

    /**
     * Why {@code guest}'s root must not be deleted, or empty when it is the guest's own.
     *
     * @param allGuests every guest of the config tree, managed or not ({@code guest} may be among them)
     */
    public Optional<String> whyNotDeletable(GuestConfig guest, List<GuestConfig> allGuests) {
        Path root = real(GuestSpecs.rootOf(guest, guestsRoot));
        Path base = real(guestsRoot);
        if (!root.startsWith(base) || root.equals(base)) {
            return Optional.of("its root " + root + " is not inside the guests root " + base);
        }
        for (GuestConfig other : allGuests) {
            if (other.name().equals(guest.name())) {
                continue;
            }
            Path theirs = real(GuestSpecs.rootOf(other, guestsRoot));
            if (theirs.equals(root)) {
                return Optional.of("its root " + root + " is also the root of guest '" + other.name() + "'");
            }
            if (theirs.startsWith(root)) {
                return Optional.of("its root " + root + " holds the root of guest '" + other.name() + "' (" + theirs + ")");
            }
            if (root.startsWith(theirs)) {
                return Optional.of("its root " + root + " lies inside the root of guest '" + other.name() + "' (" + theirs + ")");
            }
        }
        try {
            if (Files.isReadable(mountinfo)) {
                List<Path> mounts = MountTable.mountsAtOrBelow(mountinfo, root);
                if (!mounts.isEmpty()) {
                    return Optional.of(mounts.getFirst().equals(root)
                            ? "its root " + root + " is a mount point"
                            : mounts.getFirst() + " is mounted inside its root " + root);
                }
            }
        } catch (IOException e) {
            return Optional.of("the mount table " + mountinfo + " cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * The real path when it exists; otherwise the real path of the nearest existing ancestor with
     * the rest appended, so a missing tree still compares right against a symlinked guests root.
     */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute; // a dangling link: compare as written
        }
    }
}
