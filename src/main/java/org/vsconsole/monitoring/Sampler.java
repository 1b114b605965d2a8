package org.vsconsole.monitoring;

import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.vsconsole.host.GuestTreeChanged;
import org.vsconsole.host.proc.HostProcReader;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.vsconsole.host.ContextConflicts;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ContextOccupants;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfig;
import org.jspecify.annotations.Nullable;

/**
 * Reads every context once per tick and publishes an immutable {@link HostSnapshot}. Guest
 * specs come from the config tree and are re-read every few ticks or when told the tree changed,
 * not every tick, so a host with many guests is not re-parsed each second. Each snapshot carries
 * per-guest deltas since the previous tick (CPU %, limit hits rising, started/stopped guests).
 * Figures are read per context; of several guests claiming one context only its holder is shown
 * running ({@link ContextConflicts}), the others carry the conflict.
 */
@Service
public class Sampler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sampler.class);
    private static final Duration SPEC_REFRESH = Duration.ofSeconds(5);

    private final HostDriver driver;
    private final GuestConfigReader configs;
    private final HostProperties host;
    private final ContextOccupants occupants;
    private final Duration tick;
    private final List<Consumer<HostSnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private volatile HostSnapshot latest = HostSnapshot.EMPTY;
    private volatile List<GuestSpec> specs = List.of();
    private volatile List<GuestConfig> guestConfigs = List.of();
    private volatile Map<String, GuestConfig> configsByName = Map.of();
    private volatile Instant specsReadAt = Instant.EPOCH;
    private final AtomicLong treeChanges = new AtomicLong();
    private final DeltaTracker deltas = new DeltaTracker();
    private final HostProcReader hostReader;
    private volatile long lastTickNanos;
    private @Nullable ScheduledExecutorService scheduler;

    Sampler(HostDriver driver, GuestConfigReader configs, HostProperties host,
            ContextOccupants occupants, MonitoringProperties settings) {
        this.driver = driver;
        this.configs = configs;
        this.host = host;
        this.occupants = occupants;
        this.tick = settings.tick();
        this.hostReader = new HostProcReader(host.procRoot());
    }

    /**
     * Every guest's parsed config as last read for sampling (at most 5 s old,
     * re-read at once after the tree changed). Lists built on every push use this instead of
     * re-reading the tree per viewer.
     */
    public List<GuestConfig> guestConfigs() {
        if (Duration.between(specsReadAt, Instant.now()).compareTo(SPEC_REFRESH) >= 0) {
            refreshConfigs();
        }
        return guestConfigs;
    }

    /**
     * One guest's parsed config as {@link #guestConfigs()} holds it, found by name: live feeds
     * ask this at every tick, so it is a map lookup, not a scan of every guest.
     */
    public java.util.Optional<GuestConfig> guestConfig(String name) {
        if (Duration.between(specsReadAt, Instant.now()).compareTo(SPEC_REFRESH) >= 0) {
            refreshConfigs();
        }
        return java.util.Optional.ofNullable(configsByName.get(name));
    }

    public HostSnapshot latest() {
        return latest;
    }

    /** Calls {@code listener} with every new snapshot until the registration is removed. */
    public Registration subscribe(Consumer<HostSnapshot> listener) {
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    /** CPU-independent wall time the last tick's delta computation took, for diagnostics. */
    public long lastTickNanos() {
        return lastTickNanos;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** A console write or a change found outside it makes the cached tree stale at once. */
    @EventListener
    void onTreeChanged(GuestTreeChanged event) {
        treeChanged();
    }

    /** The config tree changed: re-read guest specs at the next tick and sample right away. */
    public void treeChanged() {
        treeChanges.incrementAndGet();
        specsReadAt = Instant.EPOCH;
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.execute(this::sampleSafely);
        }
    }

    /** Takes one snapshot now; the scheduler calls this every tick. */
    public synchronized HostSnapshot sample() {
        if (Duration.between(specsReadAt, Instant.now()).compareTo(SPEC_REFRESH) >= 0) {
            refreshConfigs();
        }
        List<GuestSpec> current = specs;
        Map<Integer, ContextFigures> figures = driver.figures(current);
        // Figures are per context: a guest claiming the context another guest holds must not show them.
        ContextConflicts conflicts = occupants.resolve(guestConfigs, figures.keySet());
        Map<String, GuestLive> guests = HashMap.newHashMap(current.size());
        for (GuestSpec spec : current) {
            ContextFigures f = figures.get(spec.xid());
            guests.put(spec.name(), conflicts.of(spec.name()).map(c -> GuestLive.inConflict(spec.name(), c))
                    .orElseGet(() -> new GuestLive(spec.name(), spec.xid(), f != null, f)));
        }
        Map<Integer, ContextFigures> others = new java.util.TreeMap<>(otherContexts(current));
        attachDynamicGuests(guests, others);
        return accept(Instant.now(), guests, hostFigures(), others);
    }

    /**
     * A guest without a usable static context that util-vserver started on a dynamic one is that
     * context's owner: it is shown running there (and its context no longer as an unknown one).
     */
    private void attachDynamicGuests(Map<String, GuestLive> guests, Map<Integer, ContextFigures> others) {
        if (others.isEmpty()) {
            return;
        }
        for (GuestConfig config : guestConfigs) {
            if (config.context() != null || guests.containsKey(config.name())) {
                continue;
            }
            try {
                driver.dynamicContext(config.configDir()).ifPresent(xid -> {
                    ContextFigures f = others.remove(xid);
                    if (f != null) {
                        guests.put(config.name(), new GuestLive(config.name(), xid, true, f));
                    }
                });
            } catch (RuntimeException e) {
                log.debug("Cannot tell the context of {}: {}", config.name(), e.getMessage());
            }
        }
    }

    /** What runs besides the guests; a failure here must not cost the guests' figures. */
    private Map<Integer, ContextFigures> otherContexts(List<GuestSpec> current) {
        try {
            return driver.otherContexts(current);
        } catch (RuntimeException e) {
            log.debug("Reading the contexts besides the guests failed: {}", e.getMessage());
            return Map.of();
        }
    }

    /**
     * Computes the deltas of one tick from already-read figures and publishes the snapshot. The
     * scheduler reaches it through {@link #sample()}; tests feed fixture figures directly.
     */
    synchronized HostSnapshot accept(Instant at, Map<String, GuestLive> guests, HostFigures hostFigures) {
        return accept(at, guests, hostFigures, Map.of());
    }

    synchronized HostSnapshot accept(Instant at, Map<String, GuestLive> guests, HostFigures hostFigures,
            Map<Integer, ContextFigures> others) {
        long started = System.nanoTime();
        HostSnapshot snapshot = deltas.next(at, guests, hostFigures);
        if (!others.isEmpty()) {
            snapshot = snapshot.withOthers(others);
        }
        lastTickNanos = System.nanoTime() - started;
        latest = snapshot;
        for (Consumer<HostSnapshot> subscriber : subscribers) {
            try {
                subscriber.accept(snapshot);
            } catch (RuntimeException e) {
                log.debug("A snapshot subscriber failed", e);
            }
        }
        return snapshot;
    }

    private synchronized void refreshConfigs() {
        long changesBefore = treeChanges.get();
        List<GuestConfig> read = configs.readAllGuests();
        specs = read.stream()
                .filter(c -> c.context() != null)
                .map(c -> GuestSpecs.from(c, host.guestsRoot()))
                .toList();
        Map<String, GuestConfig> byName = HashMap.newHashMap(read.size());
        for (GuestConfig c : read) {
            byName.putIfAbsent(c.name(), c);
        }
        // both set before specsReadAt: a reader that sees the fresh time sees the fresh configs
        guestConfigs = List.copyOf(read);
        configsByName = Map.copyOf(byName);
        // a change told while the tree was being read may be missing from this read: stay stale
        specsReadAt = treeChanges.get() == changesBefore ? Instant.now() : Instant.EPOCH;
    }

    private volatile @Nullable String lastFailure;

    private void sampleSafely() {
        try {
            sample();
            if (lastFailure != null) {
                log.info("Sampling works again after: {}", lastFailure);
                lastFailure = null;
            }
        } catch (RuntimeException e) {
            // a host agent that is down fails every tick: say so when it starts, not each second
            String failure = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().replaceAll(" \\(tried again in [0-9]+ s\\)$", "");
            if (!failure.equals(lastFailure)) {
                log.warn("Sampling failed: {}", failure);
                lastFailure = failure;
            }
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sampler").daemon().factory());
        this.scheduler = scheduler;
        scheduler.scheduleWithFixedDelay(this::sampleSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            ScheduledExecutorService s = scheduler;
            scheduler = null;
            s.shutdownNow();
            try {
                // let a tick in flight finish, so no snapshot is published after stop() returns
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    private HostFigures hostFigures() {
        HostProcReader.Load load = hostReader.load();
        HostProcReader.Memory memory = hostReader.memory();
        return new HostFigures(load.one(), load.five(), load.fifteen(), memory.totalBytes(), memory.availableBytes(),
                Runtime.getRuntime().availableProcessors());
    }
}
