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

    /**
     * One limit row: current use, observed minimum and maximum, soft and hard limit
     * ({@link LimitValues#UNLIMITED} when none) and how often it was hit; in the limit's unit.
     */
    public record LimitFigure(long current, long min, long max, long soft, long hard, long hits) {
    }
}
