package org.vsconsole.host.proc;

/** Load averages in hundredths (the kernel prints {@code %d.%02d}). */
public record LoadAverage(long oneMinute, long fiveMinutes, long fifteenMinutes) {

    public static final LoadAverage ZERO = new LoadAverage(0, 0, 0);
}
