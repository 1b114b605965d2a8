package org.vsconsole.updates;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Counts pending updates in every running guest at a fixed interval
 * ({@code vsconsole.updates.check-interval}, e.g. {@code 6h}; off by default, since each check
 * runs {@code apt-get update} in every guest and fetches package lists through the cache).
 */
@Component
class PendingUpdateChecker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PendingUpdateChecker.class);

    private final Runnable checkAll;
    private final Duration interval;
    private @Nullable ScheduledExecutorService timer;

    @org.springframework.beans.factory.annotation.Autowired
    PendingUpdateChecker(UpdateService updates, UpdatesProperties settings) {
        this(updates::checkAllAsSystem, settings.checkInterval());
    }

    PendingUpdateChecker(Runnable checkAll, Duration interval) {
        this.checkAll = checkAll;
        this.interval = interval;
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("update-check").daemon().factory());
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Pending package updates are counted every {}", interval);
    }

    private void check() {
        try {
            checkAll.run();
        } catch (RuntimeException e) {
            log.warn("The scheduled update check did not start: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
