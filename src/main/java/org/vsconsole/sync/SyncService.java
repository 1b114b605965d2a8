package org.vsconsole.sync;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.Outcome;
import org.vsconsole.base.StateConflictException;
import org.vsconsole.host.GuestTreeChanged;
import org.vsconsole.host.config.ConfigManifest;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.ConfigWriteListener;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.security.GuestOwnership;
import org.jspecify.annotations.Nullable;

/**
 * Reconciles the guest registry with the config tree. Events from the recursive watcher are
 * debounced per guest and reconcile only that guest; a full reconcile runs at start-up and every
 * {@code vsconsole.sync.reconcile-interval}. All reconciles run on one thread and every registry
 * change is made under one lock, so the registry never sees two versions of a guest at once.
 *
 * <p>Console writes are not drift: the write path tells {@link #consoleWrote} which digest it
 * produced, and while an audited action on a guest is open (see {@link IntentJournal}) that guest
 * is not reconciled.
 *
 * <p>Around it: {@link ReconcileSchedule} decides when, {@link DriftReports} what differs and how
 * it is shown, {@link OutsideChangeAudit} the audit rows of changes made outside the console, and
 * {@link DriftDecisions} an admin's accept, adopt and restore.
 *
 * <p>Longer than 300 lines on purpose: the registry, the marks of the console's own writes and
 * the reconcile that reads both are one state under one lock; split, a reconcile could see a
 * write's mark without its registry row (or the reverse) and report the console's own write as
 * a change made outside, which is the mistake this class exists to prevent.
 */
@Service
public class SyncService {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private static final String DELETED = "\0deleted";
    private static final String CREATED = "\0created";

    private final SyncRepository repository;
    private final GuestConfigReader reader;
    private final AuditService audit;
    private final ApplicationEventPublisher events;
    private final GuestOwnership ownership;
    private final DriftReports reports;
    private final OutsideChangeAudit outside;
    private final boolean autoAdopt;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, GuestSyncStatus> cache = new ConcurrentHashMap<>();
    /** Digest (or marker) the console's own write left, so the reconcile takes it as the baseline. */
    private final Map<String, String> expected = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
    private final ReconcileSchedule schedule;
    private final Map<String, AtomicLong> reconciled = new ConcurrentHashMap<>();
    /** Set once the registry is loaded and reconciled, so a guest it does not know is a new one. */
    private volatile boolean started;

    SyncService(SyncRepository repository, GuestConfigReader reader, GuestConfigWriter writer, AuditService audit,
            ApplicationEventPublisher events, GuestOwnership ownership, DriftReports reports,
            SyncProperties settings) {
        this.repository = repository;
        this.reader = reader;
        this.audit = audit;
        this.events = events;
        this.ownership = ownership;
        this.reports = reports;
        this.outside = new OutsideChangeAudit(audit, reports);
        this.autoAdopt = settings.autoAdopt();
        this.schedule = new ReconcileSchedule(reader.configRoot(), settings.watch(), settings.reconcileInterval(), settings.debounce(),
                this::reconcileGuest,
                this::reconcileAll);
        // Every console write, whichever feature makes it, becomes the new baseline, never drift.
        writer.addListener(new ConfigWriteListener() {

            @Override
            public void written(String guest, GuestConfig after) {
                consoleWrote(guest, after);
            }

            @Override
            public void created(String guest, GuestConfig after) {
                consoleCreated(guest);
            }

            @Override
            public void deleted(String guest) {
                consoleDeleted(guest);
            }

            // A build making the config dir itself would otherwise be seen as a guest made by hand.
            @Override
            public void buildStarting(String guest) {
                beginAction(guest);
            }

            @Override
            public void buildEnded(String guest) {
                endAction(guest);
            }
        });
    }

    // ---- what views and other services read ---------------------------------------------------

    /** Registry state of every guest directory seen (removed ones included), from memory. */
    public Map<String, GuestSyncStatus> statuses() {
        return Map.copyOf(cache);
    }

    public Optional<GuestSyncStatus> status(String guest) {
        return Optional.ofNullable(cache.get(guest));
    }

    /**
     * Refuses a start, stop or change of a guest found on disk but never adopted: the console
     * has no accepted baseline for it, so its own write would become the baseline of a tree
     * nobody reviewed, and a hand copy often still points at another guest's root. A guest the
     * registry has not seen yet (made a moment ago, the watcher's debounce not over) counts as
     * unmanaged unless the console itself just made it: callers hold the guest's action lock, under
     * which a reconcile is only scheduled. Callers run this inside their audited block, so the
     * refusal is audited as denied.
     */
    public void refuseIfUnmanaged(String guest) {
        GuestSyncStatus status = cache.get(guest);
        boolean unmanaged;
        if (status != null && status.state() != SyncState.REMOVED) {
            unmanaged = status.unmanaged();
        } else {
            String mark = expected.get(guest);
            boolean byConsole = mark != null && !DELETED.equals(mark);
            // Before the first reconcile the registry is not loaded: nothing is known to refuse.
            unmanaged = started && !autoAdopt && !byConsole && reader.isGuest(guest);
        }
        if (unmanaged) {
            throw new StateConflictException("guest", "'" + guest + "' was made outside the console and is not managed yet;"
                    + " adopt it first (an admin adopts it on its page)");
        }
    }

    /** The changed files of a drifted guest and a diff of the small text ones against the accepted content. */
    @PreAuthorize("@currentUser.maySee(#guest)")
    public DriftReport drift(String guest) {
        HostGrammar.guestName(guest);
        lock.lock();
        try {
            GuestConfig config = reader.readGuest(guest);
            Map<String, SyncRepository.FileRow> accepted = repository.files(guest);
            return reports.report(guest, config, accepted);
        } finally {
            lock.unlock();
        }
    }

    // ---- the console's own writes -------------------------------------------------------------

    /** The console wrote {@code after} to the guest's tree: that is the new baseline, not drift. */
    public void consoleWrote(String guest, GuestConfig after) {
        expected.put(guest, after.digest());
        schedule(guest);
    }

    /** The console deleted the guest: its removal is not reported as external. */
    public void consoleDeleted(String guest) {
        // At once, not at the debounced reconcile: a guest made again under the name right after
        // would otherwise be taken for the same guest and inherit the owners.
        ownership.guestRemoved(guest);
        expected.put(guest, DELETED);
        schedule(guest);
    }

    /** The console created the guest: it is managed from the start. */
    public void consoleCreated(String guest) {
        expected.put(guest, CREATED);
        schedule(guest);
    }

    /** An audited action on the guest starts: hold its reconcile until it ends. */
    void beginAction(String guest) {
        busy.computeIfAbsent(guest, g -> new AtomicInteger()).incrementAndGet();
    }

    void endAction(String guest) {
        busy.computeIfPresent(guest, (g, n) -> n.decrementAndGet() <= 0 ? null : n);
        schedule(guest);
    }

    /** Treat the guest's current digest as written by the console (an interrupted write found applied). */
    void expect(String guest, String digest) {
        expected.put(guest, digest);
    }

    // ---- reconcile ----------------------------------------------------------------------------

    /** Figures of one full reconcile. */
    public record ReconcileStats(int guests, long filesRead, long millis, int changed) {
    }

    /** Reconciles every guest directory and every registry row; returns what it cost. */
    public ReconcileStats reconcileAll() {
        long t0 = System.nanoTime();
        long files0 = reports.filesRead();
        TreeSet<String> names = new TreeSet<>(reader.listGuestNames());
        cache.values().stream().filter(s -> s.state() != SyncState.REMOVED).forEach(s -> names.add(s.name()));
        int changed = 0;
        for (String name : names) {
            if (reconcileGuest(name)) {
                changed++;
            }
        }
        return new ReconcileStats(names.size(), reports.filesRead() - files0, (System.nanoTime() - t0) / 1_000_000, changed);
    }

    /** Reconciles one guest now; returns whether its registry state changed. */
    public boolean reconcileGuest(String name) {
        if (!HostGrammar.isGuestName(name)) {
            return false;
        }
        if (busy.containsKey(name)) {
            schedule(name);
            return false;
        }
        lock.lock();
        try {
            return reconcileLocked(name);
        } catch (RuntimeException e) {
            log.warn("Reconciling guest '{}' failed: {}", name, e.getMessage());
            return false;
        } finally {
            reconciled.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
            lock.unlock();
        }
    }

    /**
     * How often the guest was reconciled since start, and whether a reconcile of it is still due:
     * so a test can wait for the reconcile a write causes instead of sleeping.
     */
    long reconciles(String guest) {
        AtomicLong n = reconciled.get(guest);
        return n == null ? 0 : n.get();
    }

    boolean reconcilePending(String guest) {
        return schedule.pending(guest) || busy.containsKey(guest);
    }

    private boolean reconcileLocked(String name) {
        Instant now = Instant.now();
        GuestSyncStatus row = cache.containsKey(name) ? repository.find(name).orElse(null) : null;
        if (!reader.isGuest(name)) {
            if (row == null || row.state() == SyncState.REMOVED) {
                return false;
            }
            String mark = expected.remove(name);
            ownership.guestRemoved(name);
            GuestSyncStatus removed = new GuestSyncStatus(name, SyncState.REMOVED, row.acceptedDigest(), null, false,
                    List.of(), null, row.firstSeen(), now);
            repository.save(removed, null);
            // The audit row first: whoever sees the guest gone must also find why.
            if (!DELETED.equals(mark)) {
                outside.removed(name, row);
            }
            cache.put(name, removed);
            events.publishEvent(new GuestTreeChanged(name));
            return true;
        }
        GuestConfig config = reader.readGuest(name);
        reports.countRead(config.manifest().fingerprints().size());
        String digest = config.digest();
        if (row == null || row.state() == SyncState.REMOVED) {
            String mark = expected.get(name);
            boolean byConsole = mark != null && (mark.equals(CREATED) || mark.equals(digest));
            SyncState state = byConsole || autoAdopt ? SyncState.MANAGED : SyncState.UNMANAGED;
            saveBaseline(config, state, row, now);
            // Only now that the registry knows the guest: refuseIfUnmanaged, which does not wait
            // for this lock, must never find neither the mark nor the registry row.
            if (mark != null) {
                expected.remove(name, mark);
            }
            if (!byConsole) {
                outside.appeared(config, state);
            }
            events.publishEvent(new GuestTreeChanged(name));
            return true;
        }
        if (digest.equals(row.currentDigest()) && (row.drift() || digest.equals(row.acceptedDigest()))) {
            // Nothing new since the last look.
            if (Duration.between(row.lastSeen(), now).compareTo(Duration.ofMinutes(1)) > 0) {
                repository.touch(name, now);
                cache.put(name, withLastSeen(row, now));
            }
            return false;
        }
        String mark = expected.get(name);
        if (row.state() == SyncState.UNMANAGED || digest.equals(row.acceptedDigest()) || digest.equals(mark)) {
            if (digest.equals(mark)) {
                expected.remove(name, mark);
            }
            boolean wasDrift = row.drift();
            saveBaseline(config, row.state(), row, now);
            if (wasDrift && digest.equals(row.acceptedDigest())) {
                outside.backToAccepted(config);
            }
            events.publishEvent(new GuestTreeChanged(name));
            return true;
        }
        // Drift: the tree differs from what the console wrote or an admin accepted.
        Map<String, SyncRepository.FileRow> accepted = repository.files(name);
        ConfigManifest baseline = DriftReports.manifestOf(accepted);
        List<String> changed = baseline.differences(config.manifest());
        GuestSyncStatus drifted = new GuestSyncStatus(name, row.state(), row.acceptedDigest(), digest, true, changed,
                row.drift() ? row.driftSince() : now, row.firstSeen(), now);
        repository.save(drifted, null);
        cache.put(name, drifted);
        outside.changed(config, accepted, changed);
        events.publishEvent(new GuestTreeChanged(name));
        return true;
    }

    // ---- start-up, watcher, schedule ----------------------------------------------------------

    /**
     * Loads the registry, rebuilds it from the tree when it is empty but the tree is not (the
     * database was lost or is new), reconciles everything and starts the watcher and the timer.
     */
    void start() {
        repository.findAll().forEach(s -> cache.put(s.name(), s));
        rebuildIfEmpty();
        ReconcileStats stats = reconcileAll();
        log.info("Guest registry reconciled: {} guests, {} files read in {} ms", stats.guests(), stats.filesRead(), stats.millis());
        started = true;
        schedule.start();
    }

    @PreDestroy
    void stop() {
        schedule.stop();
    }

    /** Events seen by the watcher since start (for the benchmark). */
    long eventsSeen() {
        return schedule.eventsSeen();
    }

    /** Reconciles the guest once no event came for it for the debounce time. */
    void schedule(String guest) {
        schedule.guest(guest);
    }

    /** When the registry is empty and the tree holds guests, records them all as managed. */
    int rebuildIfEmpty() {
        lock.lock();
        try {
            if (repository.count() > 0) {
                return 0;
            }
            List<String> names = reader.listGuestNames().stream().filter(HostGrammar::isGuestName).toList();
            if (names.isEmpty()) {
                return 0;
            }
            Instant now = Instant.now();
            for (String name : names) {
                try {
                    saveBaseline(reader.readGuest(name), SyncState.MANAGED, null, now);
                } catch (RuntimeException e) {
                    log.warn("Guest '{}' left out of the rebuilt registry: {}", name, e.getMessage());
                }
            }
            log.warn("The guest registry was empty (database new or lost): rebuilt it from the config tree {} with {} guest(s); "
                    + "no guest configuration was lost", reader.configRoot(), names.size());
            audit.record(Actor.SYSTEM, new AuditEntry(AuditActions.REGISTRY_REBUILT, AuditTarget.NONE, null,
                    Map.of("guests", names.size(), "names", names.subList(0, Math.min(names.size(), 200)),
                            "configRoot", reader.configRoot().toString()),
                    Outcome.OK, "guest registry rebuilt from the config tree: " + names.size() + " guest(s)", 0),
                    UUID.randomUUID().toString());
            return names.size();
        } finally {
            lock.unlock();
        }
    }

    // ---- baselines, diffs, restore ------------------------------------------------------------

    /** Holds the registry still: every change of a guest's row is made under it. */
    void lockRegistry() {
        lock.lock();
    }

    void unlockRegistry() {
        lock.unlock();
    }

    /** Takes {@code config} as the guest's accepted state; call holding {@link #lockRegistry}. */
    GuestSyncStatus saveBaseline(GuestConfig config, SyncState state, @Nullable GuestSyncStatus previous, Instant now) {
        List<SyncRepository.FileRow> files = reports.capture(config);
        GuestSyncStatus saved = new GuestSyncStatus(config.name(), state, config.digest(), config.digest(), false,
                List.of(), null, previous == null || previous.state() == SyncState.REMOVED ? now : previous.firstSeen(), now);
        repository.save(saved, files);
        cache.put(config.name(), saved);
        return saved;
    }

    private static GuestSyncStatus withLastSeen(GuestSyncStatus s, Instant seen) {
        return new GuestSyncStatus(s.name(), s.state(), s.acceptedDigest(), s.currentDigest(), s.drift(), s.changedFiles(),
                s.driftSince(), s.firstSeen(), seen);
    }

}
