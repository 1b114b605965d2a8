package org.vsconsole.host.proc;

import java.util.List;
import java.util.OptionalLong;

/**
 * {@code /proc/virtual/<xid>/status}. Flag and capability words are raw bit patterns (decode with
 * the tables of reference §7.3).
 *
 * @param tasks kernel task count; util-vserver uses it as "is running"
 * @param umask late 2.3 only
 * @param wmask late 2.3 only
 * @param spaces namespace masks (one on 2.2, two on late 2.3, none on 2.0)
 * @param ticks some 2.0 builds only
 */
public record ContextStatus(
        long useCount,
        long tasks,
        long flags,
        long systemCapabilities,
        long contextCapabilities,
        OptionalLong umask,
        OptionalLong wmask,
        List<Long> spaces,
        OptionalLong ticks) {

    public static final ContextStatus EMPTY = new ContextStatus(0, 0, 0, 0, 0,
            OptionalLong.empty(), OptionalLong.empty(), List.of(), OptionalLong.empty());

    public ContextStatus {
        spaces = List.copyOf(spaces);
    }
}
