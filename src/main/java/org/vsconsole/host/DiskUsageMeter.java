package org.vsconsole.host;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Measures a guest tree the way {@code du} does: allocated space and inodes, without following
 * symlinks or crossing into other filesystems, hard links counted once, and bounded in time so a
 * huge tree cannot hold a request (the result then says it is incomplete).
 */
public final class DiskUsageMeter {

    private DiskUsageMeter() {
    }

    public static DiskUsage measure(Path root, Duration bound, String note) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return new DiskUsage(0, 0, true, "the guest root " + root + " does not exist yet");
        }
        long deadline = System.nanoTime() + bound.toNanos();
        long[] totals = new long[2];
        boolean[] cut = new boolean[1];
        Set<Object> seenLinks = new HashSet<>();
        FileStore store;
        try {
            store = Files.getFileStore(root);
        } catch (IOException e) {
            store = null;
        }
        FileStore rootStore = store;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (System.nanoTime() > deadline) {
                        cut[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    if (rootStore != null && !dir.equals(root)) {
                        try {
                            if (!Files.getFileStore(dir).equals(rootStore)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                        } catch (IOException e) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                    }
                    count(dir, attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (System.nanoTime() > deadline) {
                        cut[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    count(file, attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                private void count(Path p, BasicFileAttributes attrs) {
                    Map<String, Object> unix = unixAttributes(p);
                    if (unix != null && unix.get("nlink") instanceof Integer n && n > 1 && !attrs.isDirectory()) {
                        if (!seenLinks.add(attrs.fileKey())) {
                            return;
                        }
                    }
                    totals[1]++;
                    totals[0] += (attrs.size() + 4095) / 4096 * 4;
                }
            });
        } catch (IOException e) {
            return new DiskUsage(totals[0], totals[1], false, "the walk stopped: " + e.getMessage());
        }
        return new DiskUsage(totals[0], totals[1], !cut[0], note);
    }

    private static @Nullable Map<String, Object> unixAttributes(Path p) {
        try {
            return Files.readAttributes(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
