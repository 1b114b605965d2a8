package org.vsconsole.fleet;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.vsconsole.base.Formats;
import org.vsconsole.host.HostLoad;

/**
 * One row of the Hosts view as text, so the view redraws only when what it shows changed.
 *
 * @param state   {@link HostStatus#state()}
 * @param problem empty when reachable
 */
record HostLine(String name, String state, String problem, String driver, String kernel, String engine, String guests,
        String load, String memory, String lastContact) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    boolean reachable() {
        return problem.isEmpty();
    }

    static HostLine of(HostStatus s) {
        HostLoad load = s.load();
        String memory = load.memTotalBytes() <= 0
                ? "–"
                : Formats.bytes(load.memTotalBytes() - load.memAvailableBytes()) + " / " + Formats.bytes(load.memTotalBytes());
        String contact = s.local() ? "live" : s.lastContact() == null ? "never" : TIME.format(s.lastContact());
        return new HostLine(s.name(), s.state(), s.problem() == null ? "" : s.problem(), s.driver() == null ? "–" : s.driver(),
                s.facts() == null ? "–" : s.facts().kernel(),
                s.facts() == null || s.facts().engine() == null ? "–" : s.facts().engine(),
                s.guests().size() + " (" + s.running() + " running)",
                load.load1() < 0 ? "–" : String.format(java.util.Locale.ROOT, "%.2f", load.load1()), memory, contact);
    }
}
