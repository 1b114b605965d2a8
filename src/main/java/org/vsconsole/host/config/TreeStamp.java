package org.vsconsole.host.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What one guest's config tree looked like to {@code lstat}, without opening a file: for every
 * entry its path, type, device, inode, size, modification and change time. Two equal stamps mean
 * nothing in the tree was written, replaced, added, removed, renamed, chmodded or touched in
 * between, so a tree read at the first may be reused at the second. Directory mtimes alone would
 * not do: writing a file in place changes only the file's own times.
 *
 * <p>{@link GuestTreeScanner} takes it, each entry's {@code lstat} before the entry is read or
 * listed: a change made during a read then shows when the stamp is next {@linkplain #stillHolds
 * checked}. The check needs no directory listing: an entry added to, removed from or renamed in a
 * directory moves that directory's mtime and ctime, and the directory is itself in the stamp.
 *
 * <p>Time stamps are coarse (a kernel tick, a few ms), so a file written twice within one tick can
 * keep its times and size. A stamp with any time within the settle time of when it was taken is
 * therefore not {@linkplain #settled settled}: such a tree is read again every time until it has
 * been quiet that long.
 */
final class TreeStamp {

    /** Per entry: mode, dev, ino, size, mtime and ctime (ns), in this order. */
    static final int FIELDS = 6;
    static final int MODE = 0;
    static final int SIZE = 3;
    private static final int MTIME = 4;
    private static final int CTIME = 5;
    private static final String ATTRIBUTES = "unix:mode,dev,ino,size,lastModifiedTime,ctime";

    private final long[] stats;
    private final String[] paths;
    private final long takenAt;

    private TreeStamp(long[] stats, String[] paths, long takenAt) {
        this.stats = stats;
        this.paths = paths;
        this.takenAt = takenAt;
    }

    /** Whether every time in it is older than {@code settleNanos} before it was taken (a future time, a wrong clock, is not). */
    boolean settled(long settleNanos) {
        long quietSince = takenAt - settleNanos;
        for (int i = 0; i < stats.length; i += FIELDS) {
            if (stats[i + MTIME] > quietSince || stats[i + CTIME] > quietSince) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every entry of this stamp still has the same {@code lstat} under {@code guestDir},
     * checked in the order the stamp was taken (each directory before what is in it) and stopping at
     * the first difference. A stamp that was {@linkplain #settled settled} when taken then equals a
     * fresh one: any later change to an entry, or to what a directory holds, gives it a newer time.
     */
    boolean stillHolds(Path guestDir) {
        long[] now;
        for (int i = 0; i < paths.length; i++) {
            try {
                now = lstat(paths[i].isEmpty() ? guestDir : guestDir.resolve(paths[i]));
            } catch (IOException | RuntimeException e) {
                return false;
            }
            if (!Arrays.equals(stats, i * FIELDS, (i + 1) * FIELDS, now, 0, FIELDS)) {
                return false;
            }
        }
        return true;
    }

    /** One {@code lstat}, its fields in the stamp's order. */
    static long[] lstat(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return new long[]{
                number(a, "mode"), number(a, "dev"), number(a, "ino"), number(a, "size"),
                nanos(a, "lastModifiedTime"), nanos(a, "ctime")};
    }

    private static long number(Map<String, Object> attributes, String name) {
        return ((Number) attribute(attributes, name)).longValue();
    }

    private static long nanos(Map<String, Object> attributes, String name) {
        return ((FileTime) attribute(attributes, name)).to(TimeUnit.NANOSECONDS);
    }

    /** One of {@link #ATTRIBUTES}: the unix view answers every attribute it is asked for. */
    private static Object attribute(Map<String, Object> attributes, String name) {
        return Objects.requireNonNull(attributes.get(name), "the unix view returns every attribute asked for");
    }

    @Override
    public String toString() {
        return "TreeStamp[" + paths.length + " entries]";
    }

    /** Collects a stamp during a walk; one entry that could not be stamped spoils it. */
    static final class Builder {

        private final long takenAt = nowNanos();
        private final List<String> paths = new ArrayList<>(96);
        private long[] stats = new long[96 * FIELDS];
        private boolean whole = true;

        void add(String rel, long[] stat) {
            int at = paths.size() * FIELDS;
            if (at + FIELDS > stats.length) {
                stats = Arrays.copyOf(stats, stats.length * 2);
            }
            System.arraycopy(stat, 0, stats, at, FIELDS);
            paths.add(rel);
        }

        void spoil() {
            whole = false;
        }

        /** The stamp, or null when part of the tree could not be stamped (unreadable, too big). */
        @Nullable
        TreeStamp build() {
            return whole ? new TreeStamp(Arrays.copyOf(stats, paths.size() * FIELDS), paths.toArray(String[]::new), takenAt) : null;
        }

        private static long nowNanos() {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
    }
}
