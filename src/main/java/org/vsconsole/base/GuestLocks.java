package org.vsconsole.base;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The one lock per guest that every state-changing action takes (lifecycle, delete, limits, drift
 * decisions), so a limit change and a delete of the same guest never interleave. A second action
 * is refused at once, naming the one in progress, rather than queued: an admin who clicked twice
 * should learn it, not wait.
 */
@Component
public class GuestLocks {

    private final ConcurrentHashMap<String, Holder> held = new ConcurrentHashMap<>();

    private record Holder(Thread thread, String action, int depth) {
    }

    /**
     * Runs {@code work} holding the guest's lock; {@code action} is what the refusal of a second
     * action names. Re-entrant on the same thread, so an action may call another that locks too.
     */
    public <T> T withLock(String guest, String action, Supplier<T> work) {
        Thread me = Thread.currentThread();
        Holder mine = held.compute(guest, (g, h) -> h == null
                ? new Holder(me, action, 1)
                : h.thread() == me ? new Holder(me, h.action(), h.depth() + 1) : h);
        if (mine.thread() != me) {
            throw new StateConflictException("guest", "another operation on '" + guest + "' is in progress ("
                    + mine.action() + "); try again when it ends");
        }
        try {
            return work.get();
        } finally {
            held.computeIfPresent(guest, (g, h) -> h.depth() == 1 ? null : new Holder(me, h.action(), h.depth() - 1));
        }
    }

}
