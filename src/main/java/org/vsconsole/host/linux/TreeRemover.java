package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.vsconsole.host.MountTable;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a guest tree the careful way: refuses when anything is mounted inside (naming it), never
 * follows a symlink (the link itself is removed) and never descends into another file system.
 */
final class TreeRemover {

    private final Path mountinfo;

    TreeRemover(Path mountinfo) {
        this.mountinfo = mountinfo;
    }

    /** Mount points at or below {@code root}, as the kernel lists them for this namespace. */
    List<Path> mountsInside(Path root) throws IOException {
        return MountTable.mountsAtOrBelow(mountinfo, root);
    }

    /** Returns what could not be removed (paths on another device); empty when all is gone. */
    List<Path> delete(Path root) throws IOException {
        Object rootDevice = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        List<Path> skipped = new ArrayList<>();
        // walkFileTree without FOLLOW_LINKS reports a symlink as a file, so only the link goes
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!rootDevice.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
                    skipped.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                if (skipped.stream().noneMatch(s -> s.startsWith(dir))) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return skipped;
    }
}
