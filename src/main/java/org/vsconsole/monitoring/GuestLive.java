package org.vsconsole.monitoring;

import org.vsconsole.host.ContextFigures;

/** One guest at one tick: whether its context runs, and its figures when it does. */
public record GuestLive(String name, int xid, boolean running, ContextFigures figures) {
}
