package org.vsconsole.host.agent;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When to try an unreachable agent again. Every call of a sampler, a page and a job would
 * otherwise wait out its own connection attempt (an SSH timeout each) while the host is down;
 * instead the first failure is remembered with its reason and answered at once until the next try
 * is due, the wait doubling from 1 s to at most 60 s. One success forgets it all.
 */
public final class ReconnectBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MOST = Duration.ofSeconds(60);

    private final LongSupplier nanoClock;
    private @Nullable String reason;
    private long nextTryNanos;
    private Duration wait = FIRST;

    public ReconnectBackoff(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Why the agent cannot be reached, with when it is tried again; null when a try is due. */
    public synchronized @Nullable String refusal() {
        if (reason == null) {
            return null;
        }
        long left = nextTryNanos - nanoClock.getAsLong();
        if (left <= 0) {
            return null;
        }
        return "unreachable: " + reason + " (tried again in " + Math.max(1, Duration.ofNanos(left).toSeconds()) + " s)";
    }

    public synchronized void failed(String why) {
        reason = why;
        nextTryNanos = nanoClock.getAsLong() + wait.toNanos();
        wait = wait.multipliedBy(2).compareTo(MOST) > 0 ? MOST : wait.multipliedBy(2);
    }

    public synchronized void succeeded() {
        reason = null;
        wait = FIRST;
    }
}
