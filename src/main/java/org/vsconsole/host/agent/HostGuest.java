package org.vsconsole.host.agent;

import org.jspecify.annotations.Nullable;
import org.vsconsole.host.ContextFigures;

/**
 * A guest as another host's agent lists it from its own config tree.
 *
 * @param context its static context, or the dynamic one it runs on; null when it has neither
 * @param problem why the agent would not run it (a root outside the host's guest root), or null
 * @param figures what {@code vserver-stat} shows for it while it runs (without its limit rows), else null
 */
public record HostGuest(String name, @Nullable Integer context, boolean running, @Nullable String problem,
        @Nullable ContextFigures figures) {

    public HostGuest(String name, @Nullable Integer context, boolean running, @Nullable String problem) {
        this(name, context, running, problem, null);
    }

    /** The same guest without its figures: for pages that redraw only when its state changes, not every look. */
    public HostGuest withoutFigures() {
        return figures == null ? this : new HostGuest(name, context, running, problem);
    }
}
