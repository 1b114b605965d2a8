package org.vsconsole.host;

import java.util.Map;

/**
 * The figures of one running context at one moment: what {@code vserver-stat} and
 * {@code /proc/virtual/<xid>/limit} show.
 *
 * @param limits by util-vserver limit name ({@code nproc}, {@code rss}, {@code as}, …)
 */
public record ContextFigures(
        int xid,
        int processes,
        int threads,
        long vszBytes,
        long rssBytes,
        long userMs,
        long sysMs,
        long uptimeMs,
        Map<String, LimitFigure> limits) {

    public ContextFigures {
        limits = Map.copyOf(limits);
    }

    /** The same figures without the limit rows, for a reader that shows only the {@code vserver-stat} line. */
    public ContextFigures withoutLimits() {
        return new ContextFigures(xid, processes, threads, vszBytes, rssBytes, userMs, sysMs, uptimeMs, Map.of());
    }

    /**
     * One limit row: current use, observed minimum and maximum, soft and hard limit
     * ({@link LimitValues#UNLIMITED} when none) and how often it was hit; in the limit's unit.
     */
    public record LimitFigure(long current, long min, long max, long soft, long hard, long hits) {
    }
}
