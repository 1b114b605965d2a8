package org.vsconsole.host.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one guest's config tree looks like to {@code lstat}, without opening a file: for every
 * entry its path, type, device, inode, size, modification and change time. Two equal stamps mean
 * nothing in the tree was written, replaced, added, removed, renamed, chmodded or touched in
 * between, so a tree read at the first may be reused at the second. Directory mtimes alone would
 * not do: writing a file in place changes only the file's own times.
 *
 * <p>Time stamps are coarse (a kernel tick, a few ms), so a file written twice within one tick can
 * keep its times and size. A stamp with any time within {@link GuestConfigReader#SETTLE} of when it
 * was taken is therefore not {@link #settled()}: such a tree is read again every time until it has
 * been quiet that long.
 */
record TreeStamp(long[] stats, String[] paths, boolean settled) {

    private static final String ATTRIBUTES = "unix:mode,dev,ino,size,lastModifiedTime,ctime";
    private static final int FIELDS = 6;

    /** The stamp of {@code guestDir}, or null when it cannot be taken whole (unreadable, too big, too deep). */
    static @Nullable TreeStamp take(Path guestDir, long settleNanos) {
        long takenAt = nowNanos();
        List<String> paths = new ArrayList<>(96);
        List<long[]> stats = new ArrayList<>(96);
        try {
            if (!walk(guestDir, "", 0, paths, stats)) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        long[] flat = new long[stats.size() * FIELDS];
        boolean settled = true;
        for (int i = 0; i < stats.size(); i++) {
            long[] s = stats.get(i);
            System.arraycopy(s, 0, flat, i * FIELDS, FIELDS);
            // times in the future (a wrong clock) count as unsettled too
            if (s[4] > takenAt - settleNanos || s[5] > takenAt - settleNanos) {
                settled = false;
            }
        }
        return new TreeStamp(flat, paths.toArray(String[]::new), settled);
    }

    private static final long S_IFMT = 0170000;
    private static final long S_IFDIR = 0040000;

    /** Stamps {@code dir} (already known to be a directory, or the guest root) and what is below it. */
    private static boolean walk(Path dir, String rel, int depth, List<String> paths, List<long[]> stats) throws IOException {
        if (depth == 0 && (add(dir, rel, paths, stats)[0] & S_IFMT) != S_IFDIR) {
            return false;
        }
        if (depth >= GuestTreeScanner.MAX_DEPTH) {
            return true;
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                children.add(p);
            }
        }
        children.sort(null);
        for (Path child : children) {
            if (paths.size() > GuestTreeScanner.MAX_ENTRIES) {
                return false;
            }
            String childRel = rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName();
            // one lstat per entry: its mode says whether to descend (a link to a directory is not followed)
            if ((add(child, childRel, paths, stats)[0] & S_IFMT) == S_IFDIR
                    && !walk(child, childRel, depth + 1, paths, stats)) {
                return false;
            }
        }
        return true;
    }

    private static long[] add(Path p, String rel, List<String> paths, List<long[]> stats) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        long[] s = {
                ((Number) attribute(a, "mode")).longValue(),
                ((Number) attribute(a, "dev")).longValue(),
                ((Number) attribute(a, "ino")).longValue(),
                ((Number) attribute(a, "size")).longValue(),
                nanos((FileTime) attribute(a, "lastModifiedTime")),
                nanos((FileTime) attribute(a, "ctime"))};
        paths.add(rel);
        stats.add(s);
        return s;
    }

    /** One of {@link #ATTRIBUTES}: the unix view answers every attribute it is asked for. */
    private static Object attribute(Map<String, Object> attributes, String name) {
        return Objects.requireNonNull(attributes.get(name), "the unix view returns every attribute asked for");
    }

    private static long nanos(FileTime t) {
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Same entries with the same stats; whether either is settled does not matter here. */
    boolean sameTree(TreeStamp other) {
        return other != null && Arrays.equals(stats, other.stats) && Arrays.equals(paths, other.paths);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeStamp other && sameTree(other) && settled == other.settled;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stats);
    }

    @Override
    public String toString() {
        return "TreeStamp[" + paths.length + " entries, settled=" + settled + "]";
    }
}
