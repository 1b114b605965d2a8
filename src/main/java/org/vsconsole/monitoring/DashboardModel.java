package org.vsconsole.monitoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rows of one dashboard: applies a snapshot in place and reports which rows changed and
 * whether guests came or went, so a view refreshes single rows and only rebuilds when the set of
 * guests changed. Plain Java, so the benchmark can hold many without a browser.
 */
public final class DashboardModel {

    private final Map<String, DashboardRow> byName = new HashMap<>();
    private final List<DashboardRow> rows = new ArrayList<>();

    /** The live list the grid's data provider wraps. */
    public List<DashboardRow> rows() {
        return rows;
    }

    public DashboardRow row(String name) {
        return byName.get(name);
    }

    /** What applying a snapshot did. */
    public record Change(List<DashboardRow> changed, boolean structural) {
    }

    public Change apply(HostSnapshot snapshot, Predicate<String> visible) {
        List<DashboardRow> changed = new ArrayList<>();
        boolean structural = false;
        Collection<GuestLive> guests = snapshot.guests().values();
        int seen = 0;
        for (GuestLive g : guests) {
            if (!visible.test(g.name())) {
                continue;
            }
            seen++;
            DashboardRow row = byName.get(g.name());
            if (row == null) {
                row = new DashboardRow(g.name());
                byName.put(g.name(), row);
                rows.add(row);
                structural = true;
                row.update(g, snapshot.delta(g.name()));
            } else if (row.update(g, snapshot.delta(g.name()))) {
                changed.add(row);
            }
        }
        if (seen != rows.size()) {
            structural = true;
            rows.removeIf(r -> {
                GuestLive g = snapshot.guest(r.name());
                boolean gone = g == null || !visible.test(r.name());
                if (gone) {
                    byName.remove(r.name());
                }
                return gone;
            });
        }
        return new Change(changed, structural);
    }
}
