package org.vsconsole.monitoring;

import java.time.Instant;

/** One roll-up bucket of one guest: a minute or an hour starting at {@code start}. */
public record MetricPoint(String guest, Instant start, int samples, double cpuAvg, double cpuMax, long rssAvg, long rssMax,
        int procMax) {
}
