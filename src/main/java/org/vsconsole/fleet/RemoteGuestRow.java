package org.vsconsole.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.vsconsole.host.agent.HostGuest;

/** One guest of another host as a grid row, with whether its host answered the last look. */
record RemoteGuestRow(String host, boolean reachable, HostGuest guest) {

    /** Every guest of {@code hosts}, each as {@code shown} makes it (with or without its figures). */
    static List<RemoteGuestRow> of(List<HostStatus> hosts, UnaryOperator<HostGuest> shown) {
        List<RemoteGuestRow> rows = new ArrayList<>();
        for (HostStatus status : hosts) {
            status.guests().forEach(g -> rows.add(new RemoteGuestRow(status.name(), status.reachable(), shown.apply(g))));
        }
        return rows;
    }

    /** {@code unknown} while its host cannot be reached, else broken, running or stopped. */
    String state() {
        return RemoteGuestBadges.label(guest, reachable);
    }

    String context() {
        return guest.context() == null ? "—" : guest.context().toString();
    }
}
