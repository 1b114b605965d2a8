package org.vsconsole.monitoring;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.vsconsole.host.ContextFigures;
import org.jspecify.annotations.Nullable;

/**
 * Every guest of the host at one tick, by guest name. Immutable; shared by all viewers.
 *
 * @param deltas      per guest, what changed since the previous tick (CPU %, limit hits rising, trend)
 * @param started     guests running now that were not running at the previous tick
 * @param stopped     guests that ran at the previous tick and do not now (stopped or removed)
 * @param host        load and memory of the host as a whole
 * @param diff        which dashboard rows changed since the previous tick, shared by all viewers
 * @param others      by XID, what runs besides the guests: the host itself as context 0 and contexts
 *                    no guest's static context names (dynamic 49152+, leftovers); see
 *                    {@link org.vsconsole.host.HostDriver#otherContexts}
 */
public record HostSnapshot(Instant takenAt, long tick, Map<String, GuestLive> guests, Map<String, GuestDelta> deltas,
        Set<String> started, Set<String> stopped, HostFigures host, TickDiff diff, Map<Integer, ContextFigures> others) {

    public static final HostSnapshot EMPTY = new HostSnapshot(Instant.EPOCH, 0, Map.of());

    public HostSnapshot {
        guests = Map.copyOf(guests);
        deltas = Map.copyOf(deltas);
        started = Set.copyOf(started);
        stopped = Set.copyOf(stopped);
        host = host == null ? HostFigures.UNKNOWN : host;
        diff = diff == null ? TickDiff.UNKNOWN : diff;
        others = others == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(others));
    }

    public HostSnapshot(Instant takenAt, long tick, Map<String, GuestLive> guests, Map<String, GuestDelta> deltas,
            Set<String> started, Set<String> stopped, HostFigures host, TickDiff diff) {
        this(takenAt, tick, guests, deltas, started, stopped, host, diff, Map.of());
    }

    /** The same tick with what runs besides the guests. */
    public HostSnapshot withOthers(Map<Integer, ContextFigures> contexts) {
        return new HostSnapshot(takenAt, tick, guests, deltas, started, stopped, host, diff, contexts);
    }

    public HostSnapshot(Instant takenAt, long tick, Map<String, GuestLive> guests, Map<String, GuestDelta> deltas,
            Set<String> started, Set<String> stopped, HostFigures host) {
        this(takenAt, tick, guests, deltas, started, stopped, host, TickDiff.UNKNOWN);
    }

    public HostSnapshot(Instant takenAt, long tick, Map<String, GuestLive> guests) {
        this(takenAt, tick, guests, Map.of(), Set.of(), Set.of(), HostFigures.UNKNOWN);
    }

    public @Nullable GuestLive guest(String name) {
        return guests.get(name);
    }

    /** The delta of a guest, or {@link GuestDelta#NONE}-like empty delta when unknown. */
    public GuestDelta delta(String name) {
        GuestDelta d = deltas.get(name);
        return d == null ? GuestDelta.none(name) : d;
    }

    public long runningCount() {
        return guests.values().stream().filter(GuestLive::running).count();
    }
}
