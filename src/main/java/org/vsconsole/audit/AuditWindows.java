package org.vsconsole.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How a flood of alike events reaches the audit log without a row each: the first event of a key
 * opens a window (its caller writes that row at once, so an attack shows while it runs), later
 * ones are folded into the open window, and a window that is due (quiet, or open too long) is
 * closed into one summary row. At most {@code maxOpen} windows are open; beyond that the oldest
 * closes early. Used for failed sign-ins, token uses and API refusals.
 *
 * @param <K> what events are grouped by
 * @param <W> the mutable count of one open window; changed only under this object's lock
 */
public final class AuditWindows<K, W> {

    private final int maxOpen;
    private final Clock clock;
    private final BiPredicate<W, Instant> due;
    private final BiConsumer<K, W> summarize;
    private final Map<K, W> open = new LinkedHashMap<>();
    private final @Nullable ScheduledExecutorService closer;

    /**
     * @param due       whether a window must close at the given moment
     * @param summarize writes a closed window's row (it decides whether there is anything to write)
     * @param checkEvery how often a background thread closes due windows; null for none (tests
     *                  call {@link #closeDue()} themselves)
     */
    public AuditWindows(String threadName, @Nullable Duration checkEvery, int maxOpen, Clock clock, BiPredicate<W, Instant> due,
            BiConsumer<K, W> summarize) {
        this.maxOpen = maxOpen;
        this.clock = clock;
        this.due = due;
        this.summarize = summarize;
        if (checkEvery == null) {
            this.closer = null;
        } else {
            this.closer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(threadName).daemon().factory());
            closer.scheduleWithFixedDelay(this::closeDue, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Folds one event of {@code key} into its open window, or opens one with {@code start} when
     * there is none; returns true in that case, when the caller writes the event's own row.
     */
    public boolean add(K key, Supplier<W> start, Consumer<W> fold) {
        List<Map.Entry<K, W>> evicted = new ArrayList<>();
        boolean first;
        synchronized (open) {
            W window = open.get(key);
            first = window == null;
            if (first) {
                Iterator<Map.Entry<K, W>> oldest = open.entrySet().iterator();
                while (open.size() >= maxOpen && oldest.hasNext()) {
                    evicted.add(oldest.next());
                    oldest.remove();
                }
                open.put(key, start.get());
            } else {
                fold.accept(window);
            }
        }
        evicted.forEach(e -> summarize.accept(e.getKey(), e.getValue()));
        return first;
    }

    /** Writes the row of every window that is due; returns how many closed. */
    public int closeDue() {
        Instant now = clock.instant();
        List<Map.Entry<K, W>> closed = new ArrayList<>();
        synchronized (open) {
            Iterator<Map.Entry<K, W>> it = open.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<K, W> e = it.next();
                if (due.test(e.getValue(), now)) {
                    closed.add(e);
                    it.remove();
                }
            }
        }
        closed.forEach(e -> summarize.accept(e.getKey(), e.getValue()));
        return closed.size();
    }

    /** At shutdown: stops the background closer and writes every open window's row. */
    public void closeAll() {
        if (closer != null) {
            closer.shutdownNow();
        }
        List<Map.Entry<K, W>> all;
        synchronized (open) {
            all = new ArrayList<>(open.entrySet());
            open.clear();
        }
        try {
            all.forEach(e -> summarize.accept(e.getKey(), e.getValue()));
        } catch (RuntimeException e) {
            // shutting down: the database may already be closed
        }
    }
}
