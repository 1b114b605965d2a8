package org.vsconsole.monitoring;

import java.util.List;

/**
 * What changed for one guest between the previous tick and this one.
 *
 * @param cpuPercent   share of the whole host's CPU time (all cores = 100 %) used since the previous
 *                     tick; {@code NaN} when unknown (first tick, guest just started, counters reset)
 * @param risingLimits names of limits whose hit counter rose since the previous tick, sorted
 * @param totalHits    sum of the hit counters of all limits now
 * @param trend        the last five minutes of CPU % and RSS, shared until its next bucket closes
 */
public record GuestDelta(String name, double cpuPercent, List<String> risingLimits, long totalHits, Trend trend) {

    public GuestDelta {
        risingLimits = List.copyOf(risingLimits);
        trend = trend == null ? Trend.EMPTY : trend;
    }

    public static GuestDelta none(String name) {
        return new GuestDelta(name, Double.NaN, List.of(), 0, Trend.EMPTY);
    }

    public boolean hitsRising() {
        return !risingLimits.isEmpty();
    }
}
