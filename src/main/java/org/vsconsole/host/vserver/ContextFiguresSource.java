package org.vsconsole.host.vserver;

import java.util.List;
import java.util.Map;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.GuestSpec;

/**
 * Where the driver gets context figures: the {@code /proc/virtual} parser of the {@code proc}
 * package, plugged in by the wiring. Kept as a port so this driver neither duplicates that parser
 * nor depends on its branch.
 */
@FunctionalInterface
public interface ContextFiguresSource {

    /**
     * Figures of the running contexts, keyed by XID: at least those of {@code guests}, and may hold
     * every running context (the driver picks the guests' and lists the rest as other contexts).
     */
    Map<Integer, ContextFigures> read(List<GuestSpec> guests);
}
