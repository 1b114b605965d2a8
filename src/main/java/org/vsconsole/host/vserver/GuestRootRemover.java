package org.vsconsole.host.vserver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.vsconsole.host.MountTable;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes a guest root tree without ever leaving it. Anything mounted at or below the root (per
 * {@code mountinfo}) stops the removal before it starts, named in the error. The walk goes through
 * {@link SecureDirectoryStream}, i.e. {@code openat}/{@code unlinkat} relative to an open
 * directory with {@code O_NOFOLLOW}: a symlink is removed as a link, and a directory swapped for a
 * symlink during the walk cannot redirect it outside.
 */
public final class GuestRootRemover {

    private final Path mountinfo;

    /** @param mountinfo normally {@code /proc/self/mountinfo} */
    public GuestRootRemover(Path mountinfo) {
        this.mountinfo = mountinfo;
    }

    /** @throws IOException naming the reason; the tree is left as it was when a mount is found */
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
        // mountinfo names real paths; the configured root may sit behind a symlinked parent.
        Optional<String> mount = mountAtOrBelow(root).or(() -> mountAtOrBelowQuietly(root));
        if (mount.isPresent()) {
            throw new IOException("refusing to delete " + root + ": " + mount.get() + " is mounted inside it");
        }
        Path parent = root.getParent();
        try (DirectoryStream<Path> parentStream = Files.newDirectoryStream(parent)) {
            if (!(parentStream instanceof SecureDirectoryStream<Path> secureParent)) {
                throw new IOException("this platform cannot delete without following symlinks");
            }
            Path name = root.getFileName();
            try (SecureDirectoryStream<Path> dir = secureParent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                deleteContents(dir);
            }
            secureParent.deleteDirectory(name);
        }
    }

    private static void deleteContents(SecureDirectoryStream<Path> dir) throws IOException {
        List<Path> names = new ArrayList<>();
        for (Path entry : dir) {
            names.add(entry.getFileName());
        }
        for (Path name : names) {
            BasicFileAttributes attributes = dir
                    .getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
            if (attributes.isDirectory()) {
                try (SecureDirectoryStream<Path> child = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    deleteContents(child);
                }
                dir.deleteDirectory(name);
            } else {
                dir.deleteFile(name);
            }
        }
    }

    private Optional<String> mountAtOrBelowQuietly(Path root) {
        try {
            return mountAtOrBelow(root.toRealPath());
        } catch (IOException e) {
            return Optional.of("(mount table unreadable: " + e.getMessage() + ")");
        }
    }

    private Optional<String> mountAtOrBelow(Path root) throws IOException {
        return MountTable.mountsAtOrBelow(mountinfo, root).stream().findFirst().map(Path::toString);
    }
}
