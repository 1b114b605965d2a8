package org.vsconsole.host.linux;

/**
 * What one context's cgroups say at one moment. Limits are {@link org.vsconsole.host.LimitValues#UNLIMITED}
 * when none is set; CPU times in milliseconds; a peak the kernel does not keep reads as 0.
 */
record CgroupFigures(
        long pidsCurrent, long pidsPeak, long pidsMax, long pidsRefused,
        long memoryBytes, long memoryPeakBytes, long memoryLimitBytes, long memoryHits,
        long userMs, long sysMs) {
}
