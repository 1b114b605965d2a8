package org.vsconsole.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums the ticks of the current minute per running guest in memory; when a tick of a later minute
 * arrives, hands back the finished minute as one list of points (one batch insert, not one per
 * tick). Not thread-safe: fed from the sampler's thread.
 */
final class MinuteAccumulator {

    private long minute = Long.MIN_VALUE;
    private final Map<String, Acc> byGuest = new HashMap<>();

    /** Adds one snapshot; returns the points of the minute that just ended, or an empty list. */
    List<MetricPoint> add(HostSnapshot snapshot) {
        long m = Math.floorDiv(snapshot.takenAt().toEpochMilli(), 60_000L);
        List<MetricPoint> finished = List.of();
        if (m != minute) {
            finished = drain();
            minute = m;
        }
        for (GuestLive g : snapshot.guests().values()) {
            if (!g.running() || g.figures() == null) {
                continue;
            }
            Acc acc = byGuest.computeIfAbsent(g.name(), n -> new Acc());
            double cpu = snapshot.delta(g.name()).cpuPercent();
            if (!Double.isNaN(cpu)) {
                acc.cpuSum += cpu;
                acc.cpuCount++;
                acc.cpuMax = Math.max(acc.cpuMax, cpu);
            }
            acc.samples++;
            acc.rssSum += g.figures().rssBytes();
            acc.rssMax = Math.max(acc.rssMax, g.figures().rssBytes());
            acc.procMax = Math.max(acc.procMax, g.figures().processes());
        }
        return finished;
    }

    /** Points of the minute in progress (and forgets them), e.g. at shutdown. */
    List<MetricPoint> drain() {
        if (minute == Long.MIN_VALUE || byGuest.isEmpty()) {
            byGuest.clear();
            return List.of();
        }
        Instant start = Instant.ofEpochMilli(minute * 60_000L);
        List<MetricPoint> points = new ArrayList<>(byGuest.size());
        byGuest.forEach((guest, a) -> points.add(new MetricPoint(guest, start, a.samples,
                a.cpuCount == 0 ? 0 : a.cpuSum / a.cpuCount, a.cpuCount == 0 ? 0 : a.cpuMax,
                a.rssSum / a.samples, a.rssMax, a.procMax)));
        byGuest.clear();
        return points;
    }

    private static final class Acc {

        int samples;
        double cpuSum;
        int cpuCount;
        double cpuMax;
        long rssSum;
        long rssMax;
        int procMax;
    }
}
