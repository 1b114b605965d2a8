package org.vsconsole.host.proc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** The two cgroup files {@code vserver-stat} reads for a guest on memcg kernels. */
final class CgroupFigures {

    private CgroupFigures() {
    }

    /** {@code rss + mapped_file} of {@code memory.stat} in bytes; empty when unreadable. */
    static OptionalLong residentBytes(Path memoryStat, Warnings warnings) {
        String text = ProcFiles.readQuietlyOnce(memoryStat, warnings);
        if (text == null) {
            warnings.add("cannot open " + memoryStat);
            return OptionalLong.empty();
        }
        long rss = 0;
        long mapped = 0;
        LineScanner lines = new LineScanner(text);
        while (lines.nextLine()) {
            if (lines.lineStartsWith("rss ")) {
                lines.skipLinePrefix(4);
                rss = lines.nextLong();
            } else if (lines.lineStartsWith("mapped_file ")) {
                lines.skipLinePrefix(12);
                mapped = lines.nextLong();
            }
        }
        return OptionalLong.of(rss + mapped);
    }

    /** {@code user} and {@code system} of {@code cpuacct.stat} in USER_HZ ticks; null when missing. */
    static long @Nullable [] cpuTicks(Path cpuacctStat, Warnings warnings) {
        String text;
        try {
            text = ProcFiles.readOrNull(cpuacctStat);
        } catch (IOException e) {
            text = null;
        }
        if (text == null) {
            return null;
        }
        long[] ticks = {-1, -1};
        LineScanner lines = new LineScanner(text + "\n");
        while (lines.nextLine()) {
            if (lines.lineStartsWith("user ")) {
                lines.skipLinePrefix(5);
                ticks[0] = lines.nextLong();
            } else if (lines.lineStartsWith("system ")) {
                lines.skipLinePrefix(7);
                ticks[1] = lines.nextLong();
            }
        }
        if (ticks[0] < 0 || ticks[1] < 0) {
            warnings.add(cpuacctStat + " lacks user/system lines");
            return null;
        }
        return ticks;
    }
}
