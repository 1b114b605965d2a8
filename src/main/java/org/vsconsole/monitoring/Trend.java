package org.vsconsole.monitoring;

import java.util.Arrays;

/**
 * The last minutes of one guest in fixed buckets (oldest first): average CPU % and highest RSS per
 * bucket; {@code NaN} / -1 where the guest did not run. Immutable; a new instance only when a bucket
 * closes, so viewers can compare by identity to see whether a sparkline must be redrawn.
 */
public final class Trend {

    public static final Trend EMPTY = new Trend(new float[0], new long[0]);

    private final float[] cpu;
    private final long[] rss;

    Trend(float[] cpu, long[] rss) {
        this.cpu = cpu;
        this.rss = rss;
    }

    public int size() {
        return cpu.length;
    }

    public float cpu(int i) {
        return cpu[i];
    }

    public long rss(int i) {
        return rss[i];
    }

    public float[] cpuValues() {
        return Arrays.copyOf(cpu, cpu.length);
    }

    public long[] rssValues() {
        return Arrays.copyOf(rss, rss.length);
    }
}
