package org.vsconsole.monitoring;

import java.util.Set;

/**
 * What a dashboard row shows that changed from one tick to the next, worked out once per tick by
 * the sampler and shared by every viewer, so the cost of a push does not grow with the number of
 * open dashboards: a viewer that applied the previous tick touches only these rows.
 *
 * @param fromTick      the tick this diff starts from; a viewer that did not apply exactly that
 *                      tick (it missed a push, it just attached) applies the whole snapshot
 * @param changed       names of guests whose shown figures changed
 * @param guestsChanged guests came or went: every viewer rebuilds its rows
 */
public record TickDiff(long fromTick, Set<String> changed, boolean guestsChanged) {

    /** No diff known: apply everything. */
    public static final TickDiff UNKNOWN = new TickDiff(-1, Set.of(), true);

    public TickDiff {
        changed = Set.copyOf(changed);
    }

    /** Whether a viewer that last applied {@code appliedTick} may apply only {@link #changed}. */
    public boolean appliesAfter(long appliedTick) {
        return !guestsChanged && fromTick >= 0 && fromTick == appliedTick;
    }
}
