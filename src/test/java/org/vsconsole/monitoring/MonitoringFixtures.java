package org.vsconsole.monitoring;

import java.util.HashMap;
import java.util.Map;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ContextFigures.LimitFigure;
import org.vsconsole.host.LimitValues;

/** Fixture figures for monitoring tests: no real processes, just numbers. */
final class MonitoringFixtures {

    private MonitoringFixtures() {
    }

    static ContextFigures figures(int xid, int processes, long rssBytes, long userMs, long sysMs, long nprocHits) {
        return new ContextFigures(xid, processes, processes, rssBytes * 3, rssBytes, userMs, sysMs, 60_000,
                Map.of("nproc", new LimitFigure(processes, 0, processes, LimitValues.UNLIMITED, 100, nprocHits),
                        "rss", new LimitFigure(rssBytes / 4096, 0, rssBytes / 4096, LimitValues.UNLIMITED, 262_144, 0)));
    }

    static GuestLive running(String name, int xid, ContextFigures f) {
        return new GuestLive(name, xid, true, f);
    }

    static GuestLive stopped(String name, int xid) {
        return new GuestLive(name, xid, false, null);
    }

    static Map<String, GuestLive> guests(GuestLive... all) {
        Map<String, GuestLive> map = new HashMap<>();
        for (GuestLive g : all) {
            map.put(g.name(), g);
        }
        return map;
    }

    static HostFigures host(int cores) {
        return new HostFigures(0.5, 0.4, 0.3, 8L << 30, 4L << 30, cores);
    }
}
