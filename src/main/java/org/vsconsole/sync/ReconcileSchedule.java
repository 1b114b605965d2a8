package org.vsconsole.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * When the registry reconciles: a guest shortly after the last event about it (debounced, so a
 * burst of writes costs one read), every guest at a fixed interval and when the watcher lost
 * events. Everything runs on one thread, so two reconciles never overlap.
 */
final class ReconcileSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReconcileSchedule.class);

    private final Path configRoot;
    private final boolean watch;
    private final Duration interval;
    private final Duration debounce;
    private final Consumer<String> reconcileGuest;
    private final Runnable reconcileAll;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong eventsSeen = new AtomicLong();
    private volatile @Nullable ScheduledExecutorService executor;
    private volatile @Nullable TreeWatcher watcher;

    ReconcileSchedule(Path configRoot, boolean watch, Duration interval, Duration debounce, Consumer<String> reconcileGuest,
            Runnable reconcileAll) {
        this.configRoot = configRoot;
        this.watch = watch;
        this.interval = interval;
        this.debounce = debounce;
        this.reconcileGuest = reconcileGuest;
        this.reconcileAll = reconcileAll;
    }

    /** Starts the watcher (when enabled) and the periodic full reconcile. */
    void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sync").daemon().factory());
        this.executor = executor;
        if (watch) {
            try {
                TreeWatcher watcher = new TreeWatcher(configRoot, this::onEvent, this::all);
                this.watcher = watcher;
                watcher.start();
            } catch (IOException e) {
                log.warn("Cannot watch {}; changes are found by the periodic reconcile only: {}", configRoot, e.getMessage());
            }
        }
        long ms = Math.max(1000, interval.toMillis());
        executor.scheduleWithFixedDelay(this::reconcileAllSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    void stop() {
        TreeWatcher w = watcher;
        watcher = null;
        if (w != null) {
            w.close();
        }
        ScheduledExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdownNow();
        }
    }

    long eventsSeen() {
        return eventsSeen.get();
    }

    /** Reconciles the guest once no event came for it for the debounce time. */
    void guest(String guest) {
        ScheduledExecutorService e = executor;
        if (e == null || e.isShutdown()) {
            return;
        }
        try {
            pending.compute(guest, (g, previous) -> {
                if (previous != null) {
                    previous.cancel(false);
                }
                return e.schedule(() -> {
                    pending.remove(g);
                    reconcileGuest.accept(g);
                }, debounce.toMillis(), TimeUnit.MILLISECONDS);
            });
        } catch (RejectedExecutionException ignored) {
            // shutting down
        }
    }

    boolean pending(String guest) {
        return pending.containsKey(guest);
    }

    private void onEvent(String guest) {
        eventsSeen.incrementAndGet();
        guest(guest);
    }

    private void all() {
        ScheduledExecutorService e = executor;
        if (e != null) {
            e.execute(this::reconcileAllSafely);
        }
    }

    private void reconcileAllSafely() {
        try {
            reconcileAll.run();
        } catch (RuntimeException e) {
            log.warn("Full reconcile failed: {}", e.getMessage());
        }
    }
}
