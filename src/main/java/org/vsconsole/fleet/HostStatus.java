package org.vsconsole.fleet;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.HostFacts;
import org.vsconsole.host.HostLoad;
import org.vsconsole.host.agent.HostGuest;

/**
 * A host as the console last saw it.
 *
 * @param address     where it is reached ({@code user@address:port}), or "this host"
 * @param problem     "unreachable: why", or null when the last look succeeded
 * @param facts       kernel, engine and cgroups; null until the host was reached once
 * @param guests      its guests as last listed (kept while it is unreachable)
 * @param lastContact when it last answered; null when never
 */
public record HostStatus(String name, boolean local, String address, @Nullable String problem, @Nullable String driver,
        @Nullable HostFacts facts, HostLoad load, List<HostGuest> guests, @Nullable Instant lastContact) {

    public HostStatus {
        guests = List.copyOf(guests);
    }

    public boolean reachable() {
        return problem == null;
    }

    /** {@code reachable}, {@code read-only} (this host, when its driver cannot run guests) or {@code unreachable}. */
    public String state() {
        return problem == null ? "reachable" : problem.startsWith("read-only") ? "read-only" : "unreachable";
    }

    /** The same host with only {@code visible} of its guests. */
    public HostStatus withGuests(List<HostGuest> visible) {
        return new HostStatus(name, local, address, problem, driver, facts, load, visible, lastContact);
    }

    public long running() {
        return guests.stream().filter(HostGuest::running).count();
    }
}
