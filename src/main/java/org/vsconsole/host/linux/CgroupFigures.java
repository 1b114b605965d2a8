package org.vsconsole.host.linux;

/**
 * What one context's cgroups say at one moment. Limits are {@link org.vsconsole.host.LimitValues#UNLIMITED}
 * when none is set; CPU times in milliseconds.
 */
record CgroupFigures(
        long pidsCurrent, long pidsMax, long pidsRefused,
        long memoryBytes, long memoryPeakBytes, long memoryLimitBytes, long memoryHits,
        long userMs, long sysMs) {
}
