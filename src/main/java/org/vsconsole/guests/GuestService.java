package org.vsconsole.guests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.base.GuestLocks;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.StateConflictException;
import org.vsconsole.host.ContextConflicts;
import org.vsconsole.host.ContextOccupants;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.RootOwnership;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.InterfaceEntry;
import org.vsconsole.monitoring.HostSnapshot;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.sync.GuestSyncStatus;
import org.vsconsole.sync.SyncService;
import org.vsconsole.monitoring.GuestLive;

/**
 * Everything people do to existing guests. Each method checks role and guest scope through
 * method security (an OWNER only reaches their own guests, an AUDITOR changes nothing),
 * validates names with the host grammar, holds the guest's lock for state changes and leaves an
 * audit row with the state before and after. A guest whose context another guest holds
 * ({@link ContextConflicts}) is refused every action, since it would reach the other guest.
 * What runs inside a guest (processes, signals, commands, terminals) is {@link GuestProcessService}'s;
 * how the guest list's rows are built and cut to the viewer, {@link GuestRows}'.
 */
@Service
public class GuestService {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final GuestConfigReader configs;
    private final GuestConfigWriter writer;
    private final HostDriver driver;
    private final HostProperties host;
    private final Sampler sampler;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final GuestLocks locks;
    private final SyncService sync;
    private final ContextOccupants occupants;
    private final GuestRows rows;

    GuestService(GuestConfigReader configs, GuestConfigWriter writer, HostDriver driver, HostProperties host,
            Sampler sampler, AuditService audit, CurrentUser currentUser, GuestLocks locks, SyncService sync,
            ContextOccupants occupants) {
        this.sync = sync;
        this.occupants = occupants;
        this.configs = configs;
        this.writer = writer;
        this.driver = driver;
        this.host = host;
        this.sampler = sampler;
        this.audit = audit;
        this.currentUser = currentUser;
        this.locks = locks;
        this.rows = new GuestRows(sampler, currentUser, sync);
    }

    /** The guests the current user may see, with live figures from the latest snapshot. */
    @PreAuthorize("isAuthenticated()")
    public List<GuestSummary> list() {
        return rows.latest();
    }

    /** The same rows for a pushed snapshot, built once per snapshot for every viewer ({@link GuestRows}). */
    @PreAuthorize("isAuthenticated()")
    public List<GuestSummary> summaries(HostSnapshot snapshot) {
        return rows.of(snapshot);
    }

    @PreAuthorize("@currentUser.maySee(#name)")
    public GuestConfig config(String name) {
        return configs.readGuest(HostGrammar.guestName(name));
    }

    @PreAuthorize("@currentUser.maySee(#name)")
    public GuestSummary summary(String name) {
        return rows.one(name, config(name));
    }

    /**
     * Whether the guest runs, asked of the kernel now rather than the last snapshot; never for a
     * guest whose context another guest holds.
     */
    @PreAuthorize("@currentUser.maySee(#name)")
    public boolean isRunning(String name) {
        GuestConfig config = config(name);
        if (config.context() == null) {
            // no static context: it can only run on a dynamic one util-vserver gave it
            return driver.dynamicContext(config.configDir()).isPresent();
        }
        return occupants.now().of(name).isEmpty() && driver.isRunning(spec(config));
    }

    /** Every guest's config as the sampler last read it (for checks across guests, not for display). */
    List<GuestConfig> allConfigs() {
        return sampler.guestConfigs();
    }

    /** Every context running at the latest tick: the guests' and the others (host 0 included). */
    java.util.Set<Integer> runningContexts() {
        HostSnapshot snapshot = sampler.latest();
        java.util.Set<Integer> xids = new java.util.HashSet<>(snapshot.others().keySet());
        snapshot.guests().values().stream().filter(g -> g.running()).forEach(g -> xids.add(g.xid()));
        return xids;
    }

    /**
     * Whether the guest was found on disk and never adopted: it cannot be started, stopped or
     * changed until an admin adopts it, so pages disable those actions and say why.
     */
    @PreAuthorize("@currentUser.maySee(#name)")
    public boolean unmanaged(String name) {
        return sync.status(name).map(GuestSyncStatus::unmanaged).orElse(false);
    }

    public String driverName() {
        return driver.name();
    }

    public java.util.Optional<String> readOnlyReason() {
        return driver.readOnlyReason();
    }

    @PreAuthorize("@currentUser.mayOperate(#name)")
    @AuditedAction(AuditActions.GUEST_START)
    public GuestSummary start(String name) {
        return lifecycle(AuditActions.GUEST_START, name, spec -> driver.start(spec));
    }

    @PreAuthorize("@currentUser.mayOperate(#name)")
    @AuditedAction(AuditActions.GUEST_STOP)
    public GuestSummary stop(String name) {
        return lifecycle(AuditActions.GUEST_STOP, name, spec -> driver.stop(spec, STOP_TIMEOUT));
    }

    @PreAuthorize("@currentUser.mayOperate(#name)")
    @AuditedAction(AuditActions.GUEST_RESTART)
    public GuestSummary restart(String name) {
        return lifecycle(AuditActions.GUEST_RESTART, name, spec -> driver.restart(spec, STOP_TIMEOUT));
    }

    /** Sets or clears {@code apps/init/mark} = {@code default}, which the host's init scripts read. */
    @PreAuthorize("@currentUser.mayOperate(#name)")
    @AuditedAction(AuditActions.GUEST_SET_BOOT_MARK)
    public GuestConfig setStartsAtBoot(String name, boolean startAtBoot, String digest) {
        GuestConfig before = config(name);
        audit.audited(AuditActions.GUEST_SET_BOOT_MARK, target(before), Map.of("startsAtBoot", before.init().bootMarked()),
                () -> locks.withLock(name, AuditActions.GUEST_SET_BOOT_MARK, () -> {
                    sync.refuseIfUnmanaged(name);
                    GuestConfig after = write(name, digest == null ? before.digest() : digest,
                            new ConfigChange.SetBootMark(startAtBoot));
                    return Map.of("startsAtBoot", after.init().bootMarked());
                }));
        return config(name);
    }

    /**
     * Deletes a stopped guest: its root tree first, then its config directory, so a half-deleted
     * guest is still listed. Refused, with the reason and nothing removed, when the root is not the
     * guest's alone ({@link RootOwnership}: shared with another guest, outside the guests root, a
     * mount point or holding one), whether the guest is managed or not.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_DELETE)
    public void delete(String name, String typedName) {
        GuestConfig config = config(name);
        audit.audited(AuditActions.GUEST_DELETE, target(config), describe(config),
                () -> locks.withLock(name, AuditActions.GUEST_DELETE, () -> {
                    if (!name.equals(typedName)) {
                        throw new InvalidInputException("confirmation", "type the guest's name '" + name + "' to confirm");
                    }
                    // A copied config dir often keeps the vdir link too: deleting the root would delete the holder's.
                    occupants.now().refuseIfInConflict(name);
                    rootOwnership().whyNotDeletable(config, configs.readAllGuests()).ifPresent(reason -> {
                        throw new ActionRefusedException("root", "'" + name + "' cannot be deleted: " + reason);
                    });
                    GuestSpec spec = spec(config);
                    if (driver.isRunning(spec)) {
                        throw new InvalidInputException("state", "'" + name + "' is running; stop it before deleting it");
                    }
                    try {
                        // the point of no return: the intent now knows the delete began (recovery finishes it)
                        writer.planDelete(name);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read the config of '" + name + "': " + e.getMessage(), e);
                    }
                    driver.deleteRoot(spec);
                    try {
                        writer.deleteGuest(name, config.digest());
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot remove the config of '" + name + "': " + e.getMessage(), e);
                    }
                    return Map.of("deleted", true);
                }));
    }

    private RootOwnership rootOwnership() {
        return new RootOwnership(host.guestsRoot(), host.procRoot().resolve("self").resolve("mountinfo"));
    }

    GuestSpec spec(GuestConfig config) {
        if (config.context() == null) {
            throw new InvalidInputException("context", "'" + config.name() + "' has no static context (XID) configured");
        }
        return GuestSpecs.from(config, host.guestsRoot());
    }

    private GuestSummary lifecycle(String action, String name, Consumer<GuestSpec> operation) {
        GuestConfig config = config(name);
        boolean stopping = action.equals(AuditActions.GUEST_STOP);
        GuestLive live = sampler.latest().guest(name); // one look: a tick in between may replace the snapshot
        return audit.audited(action, target(config), Map.of("running", live != null && live.running()),
                () -> locks.withLock(name, action, () -> {
                    if (config.disabled() && !stopping) {
                        throw new InvalidInputException("state", "'" + name + "' is disabled; enable it first");
                    }
                    ContextConflicts host = occupants.now();
                    host.refuseIfInConflict(name);
                    sync.refuseIfUnmanaged(name);
                    if (!stopping) {
                        SharedAddresses.refuseIfRunningElsewhere(config, host);
                    }
                    if (action.equals(AuditActions.GUEST_START) && driver.isRunning(spec(config))) {
                        throw new StateConflictException("state", "'" + name + "' is already running");
                    }
                    operation.accept(spec(config));
                    sampler.sample();
                    return summary(name);
                }));
    }

    private GuestConfig write(String name, String digest, ConfigChange change) {
        try {
            return writer.apply(name, digest, change);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the config of '" + name + "': " + e.getMessage(), e);
        }
    }

    static AuditTarget target(GuestConfig config) {
        return AuditTarget.guest(config.name(), config.context());
    }

    private static Map<String, Object> describe(GuestConfig config) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", config.name());
        view.put("context", config.context());
        view.put("addresses", config.interfaces().stream().map(InterfaceEntry::ip).toList());
        view.put("root", config.vdirTarget());
        return view;
    }
}
