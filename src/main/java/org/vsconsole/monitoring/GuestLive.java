package org.vsconsole.monitoring;

import org.vsconsole.host.ContextConflict;
import org.vsconsole.host.ContextFigures;
import org.jspecify.annotations.Nullable;

/**
 * One guest at one tick: whether its context runs, and its figures when it does. A guest whose
 * context another guest holds carries the {@code conflict} and never runs: the figures of the
 * context are the holder's.
 */
public record GuestLive(String name, int xid, boolean running, @Nullable ContextFigures figures,
        @Nullable ContextConflict conflict) {

    public GuestLive(String name, int xid, boolean running, @Nullable ContextFigures figures) {
        this(name, xid, running, figures, null);
    }

    /** The guest's own context is held by another guest claiming the same id. */
    public static GuestLive inConflict(String name, ContextConflict conflict) {
        return new GuestLive(name, conflict.xid(), false, null, conflict);
    }
}
