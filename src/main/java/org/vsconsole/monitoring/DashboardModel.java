package org.vsconsole.monitoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one dashboard: applies a snapshot in place and reports which rows changed and
 * whether guests came or went, so a view refreshes single rows and only rebuilds when the set of
 * guests changed. A model that applied the previous tick with the same visibility touches only the
 * rows the snapshot's shared {@link TickDiff} names, so a push costs each viewer the changed rows,
 * not all guests. Plain Java, so the benchmark can hold many without a browser.
 */
public final class DashboardModel {

    private final Map<String, DashboardRow> byName = new HashMap<>();
    private final List<DashboardRow> rows = new ArrayList<>();
    private long appliedTick = -1;
    private @Nullable Predicate<String> appliedVisible;

    /** The live list the grid's data provider wraps. */
    public List<DashboardRow> rows() {
        return rows;
    }

    public @Nullable DashboardRow row(String name) {
        return byName.get(name);
    }

    /** What applying a snapshot did. */
    public record Change(List<DashboardRow> changed, boolean structural) {
    }

    /**
     * Applies a snapshot. {@code visible} is compared by identity: pass the same predicate while
     * what the user may see stays the same, a new one when it changed.
     */
    public Change apply(HostSnapshot snapshot, Predicate<String> visible) {
        Change change = visible == appliedVisible && snapshot.diff().appliesAfter(appliedTick)
                ? applyChanged(snapshot, visible)
                : null;
        if (change == null) {
            change = applyAll(snapshot, visible);
        }
        appliedTick = snapshot.tick();
        appliedVisible = visible;
        return change;
    }

    /** Only the rows the shared diff names; null when the rows do not fit it (then apply all). */
    private @Nullable Change applyChanged(HostSnapshot snapshot, Predicate<String> visible) {
        List<DashboardRow> changed = new ArrayList<>();
        for (String name : snapshot.diff().changed()) {
            if (!visible.test(name)) {
                continue;
            }
            DashboardRow row = byName.get(name);
            GuestLive g = snapshot.guest(name);
            if (row == null || g == null) {
                return null;
            }
            // the diff compared these figures once for everyone: only copy them
            row.copy(g, snapshot.delta(name));
            changed.add(row);
        }
        return new Change(changed, false);
    }

    /** Every guest of the snapshot compared with its row: the path before the shared diff, and its fallback. */
    Change applyAll(HostSnapshot snapshot, Predicate<String> visible) {
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
        if (seen != guestRows()) {
            structural = true;
            rows.removeIf(r -> {
                if (r.kind() != DashboardRow.Kind.GUEST) {
                    return false;
                }
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

    private int guestRows() {
        int count = 0;
        for (DashboardRow row : rows) {
            if (row.kind() == DashboardRow.Kind.GUEST) {
                count++;
            }
        }
        return count;
    }

    /** The row name of the host (context 0): "root server", as {@code vserver-stat} calls it. */
    public static final String HOST_ROW = "root server";

    /** The row name of a context no guest names; the space keeps it apart from every guest name. */
    public static String contextRow(int xid) {
        return "context " + xid;
    }

    /**
     * Applies what runs besides the guests ({@link HostSnapshot#others()}): the host row and the
     * contexts no guest names, or none of them for a viewer who may not see them ({@code show} false).
     * Few rows, so each is compared at every tick.
     */
    public Change applyOthers(HostSnapshot snapshot, boolean show) {
        Map<String, Integer> wanted = new HashMap<>();
        if (show) {
            snapshot.others().keySet().forEach(xid -> wanted.put(xid == 0 ? HOST_ROW : contextRow(xid), xid));
        }
        List<DashboardRow> changed = new ArrayList<>();
        boolean structural = false;
        for (Map.Entry<String, Integer> entry : wanted.entrySet()) {
            int xid = entry.getValue();
            GuestLive live = new GuestLive(entry.getKey(), xid, true, snapshot.others().get(xid));
            DashboardRow row = byName.get(entry.getKey());
            if (row == null) {
                row = new DashboardRow(entry.getKey(), xid == 0 ? DashboardRow.Kind.HOST : DashboardRow.Kind.CONTEXT);
                byName.put(entry.getKey(), row);
                rows.add(row);
                row.update(live, GuestDelta.none(entry.getKey()));
                structural = true;
            } else if (row.update(live, GuestDelta.none(entry.getKey()))) {
                changed.add(row);
            }
        }
        boolean removed = rows.removeIf(r -> {
            boolean gone = r.kind() != DashboardRow.Kind.GUEST && !wanted.containsKey(r.name());
            if (gone) {
                byName.remove(r.name());
            }
            return gone;
        });
        return new Change(changed, structural || removed);
    }
}
