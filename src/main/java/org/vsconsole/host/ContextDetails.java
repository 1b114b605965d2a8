package org.vsconsole.host;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the kernel shows about one running context beyond its stat figures: on a Linux-VServer
 * kernel the parsed {@code /proc/virtual/<xid>/} files ({@code cvirt}, {@code sched}, {@code cacct},
 * {@code status}) and their raw text; on a stock kernel what the context's cgroup gives. A figure a
 * driver cannot give honestly is null, never 0, and {@link #unavailable} says which and why.
 *
 * @param source where the figures were read, e.g. {@code /proc/virtual/40001} or {@code cgroup vsconsole/40001}
 * @param cvirt null when the driver has none of these figures
 * @param sched null when the driver has no scheduler figures
 * @param sockets socket accounting per address family; null when the driver has none
 * @param status null when the driver has no context status
 * @param rawFiles file name to text, in the kernel's order; empty when there are no such files
 * @param unavailable what this driver cannot show, each as one sentence
 */
public record ContextDetails(int xid, String source, @Nullable Cvirt cvirt, @Nullable Sched sched,
        @Nullable List<Sockets> sockets, @Nullable Status status, Map<String, String> rawFiles, List<String> unavailable) {

    public ContextDetails {
        sockets = sockets == null ? null : List.copyOf(sockets);
        rawFiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rawFiles));
        unavailable = List.copyOf(unavailable);
    }

    /** The same details without the raw files (for a user who may not read them). */
    public ContextDetails withoutRawFiles() {
        return new ContextDetails(xid, source, cvirt, sched, sockets, status, Map.of(), unavailable);
    }

    /**
     * {@code cvirt}: load, tasks and uptime of the context, and its virtualised uname where the
     * kernel keeps it there (2.0/2.2 cvirt, late 2.3 nsproxy). Every field may be null.
     *
     * @param load1 load averages, in tasks (two decimals as the kernel prints them)
     * @param uptimeMs host uptime minus the context's BiasUptime
     */
    public record Cvirt(@Nullable Double load1, @Nullable Double load5, @Nullable Double load15, @Nullable Long threads,
            @Nullable Long running, @Nullable Long uninterruptible, @Nullable Long onHold, @Nullable Long loadUpdates,
            @Nullable Long totalForks, @Nullable Long uptimeMs, @Nullable String nodeName, @Nullable String domainName,
            @Nullable String sysName, @Nullable String release, @Nullable String version, @Nullable String machine) {
    }

    /**
     * {@code sched}: the token bucket (vs2.0/2.2 only; null fields on late 2.3) and per-CPU ticks.
     *
     * @param tokens current bucket fill (vs2.0 only)
     * @param holdTicks ticks the context was held back, summed over CPUs
     */
    public record Sched(@Nullable Long tokens, @Nullable Long fillRate, @Nullable Long interval, @Nullable Long idleFillRate,
            @Nullable Long idleInterval, @Nullable Long tokensMin, @Nullable Long tokensMax, @Nullable Long prioBias,
            @Nullable Long vavavoom, long holdTicks, List<CpuTicks> cpus) {

        public Sched {
            cpus = List.copyOf(cpus);
        }
    }

    /** One CPU line of {@code sched}, in kernel jiffies. */
    public record CpuTicks(int cpu, long user, long system, long hold) {
    }

    /** One address family of {@code cacct}: messages and bytes received, sent and failed. */
    public record Sockets(String family, long receivedCount, long receivedBytes, long sentCount, long sentBytes,
            long failedCount, long failedBytes) {
    }

    /**
     * {@code status}: use count and tasks, with the flag and capability words as the kernel
     * prints them (hex). Null fields: not given by this driver or kernel generation.
     */
    public record Status(@Nullable Long useCount, @Nullable Long tasks, @Nullable String flags, @Nullable String systemCapabilities,
            @Nullable String contextCapabilities) {
    }
}
