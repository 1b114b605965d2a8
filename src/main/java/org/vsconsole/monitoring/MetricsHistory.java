package org.vsconsole.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.vsconsole.security.CurrentUser;
import org.jspecify.annotations.Nullable;

/**
 * History of every guest: subscribes once to the sampler, accumulates each minute in memory and
 * writes it as one batch on a background thread; when an hour ends, rolls its minutes into an
 * hour row and prunes minutes older than the minute retention and hours older than the hour
 * retention. Reads are scoped to the guests the user may see.
 */
@Service
public class MetricsHistory implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MetricsHistory.class);

    private final Sampler sampler;
    private final MetricsStore store;
    private final CurrentUser currentUser;
    private final Duration minuteRetention;
    private final Duration hourRetention;
    private final MinuteAccumulator accumulator = new MinuteAccumulator();
    private Clock clock = Clock.systemUTC();
    private @Nullable ExecutorService writer;
    private com.vaadin.flow.shared.@Nullable Registration subscription;
    private volatile long lastHourRolled = Long.MIN_VALUE;

    private org.vsconsole.audit.@Nullable StorageGuard storage;

    /** The full-disk guard: while it says read-only, no history is written. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setStorage(org.vsconsole.audit.StorageGuard storage) {
        this.storage = storage;
    }

    MetricsHistory(Sampler sampler, MetricsStore store, CurrentUser currentUser,
            MonitoringProperties settings) {
        this.sampler = sampler;
        this.store = store;
        this.currentUser = currentUser;
        this.minuteRetention = settings.minuteRetention();
        this.hourRetention = settings.hourRetention();
    }

    /** The guest's roll-ups over the range ending now; denied (as "no such guest") for guests the user may not see. */
    public List<MetricPoint> history(String guest, HistoryRange range) {
        if (!currentUser.maySee(guest)) {
            throw new AccessDeniedException("No guest named " + guest);
        }
        Instant now = clock.instant();
        return store.find(guest, range.hourly(), now.minus(range.span()), now.plusSeconds(1));
    }

    /** Called for each snapshot on the sampler thread: cheap in-memory sums, a batch per minute. */
    void onSnapshot(HostSnapshot snapshot) {
        List<MetricPoint> finished;
        synchronized (accumulator) {
            finished = accumulator.add(snapshot);
        }
        if (!finished.isEmpty()) {
            ExecutorService w = writer;
            if (w != null) {
                w.execute(() -> persist(finished));
            } else {
                persist(finished);
            }
        }
    }

    /** Writes a finished minute; at the first minute of a new hour, rolls up the previous hour and prunes. */
    void persist(List<MetricPoint> minute) {
        if (storage != null && storage.problem().isPresent()) {
            // Read-only for a full disk: a gap in the history rather than H2 meeting the full disk.
            log.debug("Monitoring minute of {} not stored: the console is read-only", minute.getFirst().start());
            return;
        }
        try {
            store.insertMinutes(minute);
            Instant start = minute.getFirst().start();
            long hour = start.truncatedTo(ChronoUnit.HOURS).toEpochMilli();
            if (lastHourRolled == Long.MIN_VALUE) {
                lastHourRolled = hour;
            }
            // roll up the current hour so far too, so 7 d charts include it; complete hours are final
            store.rollUpHour(Instant.ofEpochMilli(hour));
            if (hour != lastHourRolled) {
                store.rollUpHour(Instant.ofEpochMilli(lastHourRolled));
                prune(start);
                lastHourRolled = hour;
            }
        } catch (RuntimeException e) {
            log.warn("Could not store monitoring history: {}", e.getMessage());
        }
    }

    int prune(Instant now) {
        return store.prune(now.minus(minuteRetention), now.minus(hourRetention));
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void start() {
        writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("metrics-writer").daemon().factory());
        subscription = sampler.subscribe(this::onSnapshot);
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
        List<MetricPoint> rest;
        synchronized (accumulator) {
            rest = accumulator.drain();
        }
        if (writer != null) {
            writer.shutdown();
            writer = null;
        }
        if (!rest.isEmpty()) {
            persist(rest);
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }
}
