package org.vsconsole.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Holds a throttled sign-in for a moment before it is refused. A flooding client sends its next
 * guess as soon as the last one is answered, so answering at once only lets it guess faster and
 * keeps both cores busy with refusals while the admin's calls queue behind them. Held for up to
 * a second ({@code vsconsole.security.throttle-hold}), fifty flooding clients make fifty attempts
 * a second instead of thousands.
 *
 * <p>A held attempt occupies a request thread, so at most {@code slots} are held at once (half of
 * Tomcat's 200): a flood wider than that is answered at once, as before, and can never take every
 * thread from the admin.
 */
final class ThrottleTarpit {

    static final int DEFAULT_SLOTS = 100;

    private final Semaphore slots;
    private final Duration maxHold;

    ThrottleTarpit(int slots, Duration maxHold) {
        this.slots = new Semaphore(slots);
        this.maxHold = maxHold;
    }

    /** Holds the calling thread for the wait, at most the maximum hold, when a slot is free; returns how long. */
    Duration hold(Duration wait) {
        if (maxHold.isZero() || !slots.tryAcquire()) {
            return Duration.ZERO;
        }
        try {
            Duration held = wait.compareTo(maxHold) < 0 ? wait : maxHold;
            Thread.sleep(held);
            return held;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Duration.ZERO;
        } finally {
            slots.release();
        }
    }

    int freeSlots() {
        return slots.availablePermits();
    }
}
