package org.vsconsole.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vsconsole.host.ContextFigures;

/**
 * Turns the raw figures of consecutive ticks into snapshots with deltas: CPU % from the user+sys
 * time used since the previous tick over the wall time and the host's cores, limits whose hit
 * counter rose, guests that started or stopped, and a short trend per guest. Holds only the
 * previous tick and one small ring per guest, so its cost depends on the number of guests, not
 * on how many people watch. Not thread-safe: the sampler calls it from its one thread.
 */
final class DeltaTracker {

    static final long DEFAULT_BUCKET_MS = 10_000;
    static final int DEFAULT_BUCKETS = 30;

    private final long bucketMs;
    private final int buckets;
    private final Map<String, TrendRing> rings = new HashMap<>();
    private HostSnapshot previous = HostSnapshot.EMPTY;
    // the rows as every viewer shows them, kept once here to work out the diff all viewers share
    private final DashboardModel shown = new DashboardModel();
    private static final java.util.function.Predicate<String> ALL = n -> true;

    DeltaTracker() {
        this(DEFAULT_BUCKET_MS, DEFAULT_BUCKETS);
    }

    DeltaTracker(long bucketMs, int buckets) {
        this.bucketMs = bucketMs;
        this.buckets = buckets;
    }

    HostSnapshot previous() {
        return previous;
    }

    HostSnapshot next(Instant at, Map<String, GuestLive> guests, HostFigures host) {
        HostSnapshot prev = previous;
        long wallMs = prev.takenAt().equals(Instant.EPOCH) ? 0 : at.toEpochMilli() - prev.takenAt().toEpochMilli();
        int cores = Math.max(1, host.cores());
        Map<String, GuestDelta> deltas = HashMap.newHashMap(guests.size());
        Set<String> started = new HashSet<>();
        Set<String> stopped = new HashSet<>();
        for (GuestLive now : guests.values()) {
            GuestLive before = prev.guests().get(now.name());
            boolean wasRunning = before != null && before.running();
            if (now.running() && !wasRunning && prev.tick() > 0) {
                started.add(now.name());
            } else if (!now.running() && wasRunning) {
                stopped.add(now.name());
            }
            double cpu = Double.NaN;
            List<String> rising = List.of();
            long totalHits = 0;
            ContextFigures f = now.figures();
            if (now.running() && f != null) {
                totalHits = totalHits(f);
                ContextFigures pf = wasRunning && before != null ? before.figures() : null;
                if (pf != null && pf.xid() == f.xid()) {
                    cpu = cpuPercent(pf, f, wallMs, cores);
                    rising = risingLimits(pf, f);
                }
            }
            TrendRing ring = rings.computeIfAbsent(now.name(), n -> new TrendRing(buckets));
            Trend trend = ring.add(at.toEpochMilli() / bucketMs, (float) cpu, now.running() && f != null ? f.rssBytes() : -1);
            deltas.put(now.name(), new GuestDelta(now.name(), cpu, rising, totalHits, trend));
        }
        for (GuestLive before : prev.guests().values()) {
            if (before.running() && !guests.containsKey(before.name())) {
                stopped.add(before.name());
            }
        }
        rings.keySet().retainAll(guests.keySet());
        HostSnapshot raw = new HostSnapshot(at, prev.tick() + 1, guests, deltas, started, stopped, host);
        DashboardModel.Change change = shown.applyAll(raw, ALL);
        Set<String> changedNames = HashSet.newHashSet(change.changed().size());
        for (DashboardRow row : change.changed()) {
            changedNames.add(row.name());
        }
        TickDiff diff = new TickDiff(prev.tick(), changedNames, change.structural());
        // the copy reuses raw's immutable maps
        HostSnapshot snapshot = new HostSnapshot(at, raw.tick(), raw.guests(), raw.deltas(), raw.started(), raw.stopped(),
                raw.host(), diff);
        previous = snapshot;
        return snapshot;
    }

    /** CPU time used between two readings as a share of all cores over the wall time; NaN if not computable. */
    static double cpuPercent(ContextFigures before, ContextFigures now, long wallMs, int cores) {
        long used = (now.userMs() + now.sysMs()) - (before.userMs() + before.sysMs());
        if (wallMs <= 0 || used < 0) {
            return Double.NaN;
        }
        double percent = 100.0 * used / ((double) wallMs * cores);
        return Math.min(100.0, percent);
    }

    static List<String> risingLimits(ContextFigures before, ContextFigures now) {
        List<String> rising = null;
        for (var e : now.limits().entrySet()) {
            ContextFigures.LimitFigure old = before.limits().get(e.getKey());
            if (old != null && e.getValue().hits() > old.hits()) {
                if (rising == null) {
                    rising = new ArrayList<>(2);
                }
                rising.add(e.getKey());
            }
        }
        if (rising == null) {
            return List.of();
        }
        rising.sort(null);
        return rising;
    }

    static long totalHits(ContextFigures f) {
        long sum = 0;
        for (ContextFigures.LimitFigure l : f.limits().values()) {
            sum += l.hits();
        }
        return sum;
    }

    /** Fixed buckets of one guest; the current bucket accumulates, closed ones form the trend. */
    private static final class TrendRing {

        private final float[] cpu;
        private final long[] rss;
        private long bucket = Long.MIN_VALUE;
        private double cpuSum;
        private int cpuCount;
        private long rssMax = -1;
        private Trend trend = Trend.EMPTY;

        TrendRing(int buckets) {
            cpu = new float[buckets];
            rss = new long[buckets];
            Arrays.fill(cpu, Float.NaN);
            Arrays.fill(rss, -1);
        }

        Trend add(long index, float cpuNow, long rssNow) {
            if (bucket == Long.MIN_VALUE) {
                bucket = index;
            } else if (index != bucket) {
                long steps = Math.min(cpu.length, Math.max(1, index - bucket));
                for (long s = 0; s < steps; s++) {
                    System.arraycopy(cpu, 1, cpu, 0, cpu.length - 1);
                    System.arraycopy(rss, 1, rss, 0, rss.length - 1);
                    boolean closing = s == 0;
                    cpu[cpu.length - 1] = closing && cpuCount > 0 ? (float) (cpuSum / cpuCount) : Float.NaN;
                    rss[rss.length - 1] = closing ? rssMax : -1;
                }
                bucket = index;
                cpuSum = 0;
                cpuCount = 0;
                rssMax = -1;
                trend = new Trend(cpu.clone(), rss.clone());
            }
            if (!Float.isNaN(cpuNow)) {
                cpuSum += cpuNow;
                cpuCount++;
            }
            rssMax = Math.max(rssMax, rssNow);
            return trend;
        }
    }
}
