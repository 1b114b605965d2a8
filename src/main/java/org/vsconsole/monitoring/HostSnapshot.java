package org.vsconsole.monitoring;

import java.time.Instant;
import java.util.Map;

/** Every guest of the host at one tick, by guest name. Immutable; shared by all viewers. */
public record HostSnapshot(Instant takenAt, long tick, Map<String, GuestLive> guests) {

    public static final HostSnapshot EMPTY = new HostSnapshot(Instant.EPOCH, 0, Map.of());

    public HostSnapshot {
        guests = Map.copyOf(guests);
    }

    public GuestLive guest(String name) {
        return guests.get(name);
    }
}
