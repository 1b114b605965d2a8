package org.vsconsole.provisioning;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.DefaultsConfig;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.HostGrammar;

/**
 * Chooses a static context id the way {@code vserver … build} does: from
 * {@code .defaults/context.next} (or 40000 when it is missing) upward, but skipping every id a
 * guest on disk already has, because context.next is only a hint that hand-made guests ignore.
 * After the top of the static range it wraps to the bottom before giving up.
 */
final class XidAllocator {

    private final int min;
    private final int max;

    XidAllocator() {
        this(HostGrammar.MIN_XID, HostGrammar.MAX_XID);
    }

    /** A narrower range, so tests can exhaust it without 49150 guests. */
    XidAllocator(int min, int max) {
        this.min = min;
        this.max = max;
    }

    /**
     * @param contextNext the hint from {@code .defaults/context.next}, or null
     * @param used        ids taken by guests on disk and by creations still running
     */
    int next(@Nullable Integer contextNext, Set<Integer> used) {
        int start = contextNext == null ? DefaultsConfig.CONTEXT_START : contextNext;
        if (start < min || start > max) {
            start = Math.max(min, Math.min(max, DefaultsConfig.CONTEXT_START));
        }
        for (int xid = start; xid <= max; xid++) {
            if (!used.contains(xid)) {
                return xid;
            }
        }
        for (int xid = min; xid < start; xid++) {
            if (!used.contains(xid)) {
                return xid;
            }
        }
        throw new InvalidInputException("context", "no free context id: every static id " + min + ".." + max
                + " is used by a guest; delete a guest or give a context that is free");
    }

    /** The ids the guests on disk use. */
    static Set<Integer> usedBy(Collection<GuestConfig> guests) {
        Set<Integer> used = new HashSet<>();
        for (GuestConfig g : guests) {
            if (g.context() != null) {
                used.add(g.context());
            }
        }
        return used;
    }

    /** The guest on disk that has this context id, if any. */
    static Optional<String> holder(int xid, Collection<GuestConfig> guests) {
        return guests.stream().filter(g -> g.context() != null && g.context() == xid).map(GuestConfig::name).findFirst();
    }
}
