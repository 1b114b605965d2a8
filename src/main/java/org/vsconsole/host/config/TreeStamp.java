package org.vsconsole.host.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one guest's config tree looked like to {@code lstat}, without opening a file: for every
 * entry its path, type, device, inode, size, modification and change time. Two equal stamps mean
 * nothing in the tree was written, replaced, added, removed, renamed, chmodded or touched in
 * between, so a tree read at the first may be reused at the second. Directory mtimes alone would
 * not do: writing a file in place changes only the file's own times.
 *
 * <p>{@link GuestTreeScanner} takes it, each entry's {@code lstat} before the entry is read or
 * listed: a change made during a read then shows in the next stamp.
 *
 * <p>Time stamps are coarse (a kernel tick, a few ms), so a file written twice within one tick can
 * keep its times and size. A stamp with any time within the settle time of when it was taken is
 * therefore not {@linkplain #settled settled}: such a tree is read again every time until it has
 * been quiet that long.
 */
final class TreeStamp {

    /** Per entry: mode, dev, ino, size, mtime and ctime (ns), in this order. */
    static final int FIELDS = 6;
    private static final int MTIME = 4;
    private static final int CTIME = 5;

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

    /** Same entries with the same stats, whenever either was taken. */
    boolean sameTree(TreeStamp other) {
        return Arrays.equals(stats, other.stats) && Arrays.equals(paths, other.paths);
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
