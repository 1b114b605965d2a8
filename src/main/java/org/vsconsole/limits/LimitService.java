package org.vsconsole.limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.GuestLocks;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ContextOccupants;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.LimitValues;
import org.vsconsole.fleet.FleetGuests;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.ConfigConflictException;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.KnownLimit;
import org.vsconsole.monitoring.GuestLive;
import org.vsconsole.monitoring.Sampler;
import java.util.function.Consumer;
import com.vaadin.flow.shared.Registration;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.sync.SyncService;
import org.jspecify.annotations.Nullable;

/**
 * Reads and changes a guest's limits. Order of every change: validate everything (nothing is
 * written or applied when any value is wrong), check the digest the caller read (a stale one is
 * a {@link ConfigConflictException} naming the changed files), then write the {@code rlimits/}
 * files and/or apply the values to the running context. Seeing limits needs sight of the guest;
 * changing them is ADMIN/OPERATOR only: owners must not raise their own limits.
 */
@Service
public class LimitService {

    static final String STAFF = "hasAnyRole('ADMIN','OPERATOR') and @currentUser.maySee(#guest)";

    private final GuestConfigReader configs;
    private final GuestConfigWriter writer;
    private final HostDriver driver;
    private final HostProperties host;
    private final Sampler sampler;
    private final AuditService audit;
    private final GuestLocks locks;
    private final CurrentUser currentUser;
    private final ContextOccupants occupants;
    private final SyncService sync;
    private final GuestLimitsReader reads;
    private final FleetGuests fleet;

    LimitService(GuestConfigReader configs, GuestConfigWriter writer, HostDriver driver, HostProperties host,
            Sampler sampler, AuditService audit, GuestLocks locks, CurrentUser currentUser,
            ContextOccupants occupants, SyncService sync, GuestLimitsReader reads, FleetGuests fleet) {
        this.fleet = fleet;
        this.reads = reads;
        this.sync = sync;
        this.occupants = occupants;
        this.configs = configs;
        this.writer = writer;
        this.driver = driver;
        this.host = host;
        this.sampler = sampler;
        this.audit = audit;
        this.locks = locks;
        this.currentUser = currentUser;
    }

    /**
     * Follows the live figures of a guest: {@code listener} gets the guest's context figures at
     * every sampler tick (null while it is stopped), until the registration is removed.
     */
    public Registration followLive(String guest, Consumer<LiveFigures> listener) {
        return sampler.subscribe(snapshot -> {
            GuestLive live = snapshot.guest(guest);
            String digest = sampler.guestConfig(guest).map(GuestConfig::digest).orElse(null);
            listener.accept(new LiveFigures(snapshot.takenAt(), live == null || !live.running() ? null : live.figures(), digest));
        });
    }

    /**
     * A guest's figures of one sampler tick, with when it was taken; figures null while it does not
     * run. {@code configDigest} is its config tree's digest as the sampler last read it.
     */
    public record LiveFigures(java.time.Instant takenAt, @Nullable ContextFigures figures, @Nullable String configDigest) {
    }

    /** Every limit of the guest: live figures from the latest snapshot (or the driver), saved values from disk. */
    @PreAuthorize("@currentUser.maySee(#guest)")
    public GuestLimits limits(String guest) {
        return read(config(guest), false);
    }

    /**
     * Changes limits. {@code live} applies them to the running context now, {@code persistent}
     * writes {@code rlimits/<name>.soft} and {@code .hard} so they hold at the next start.
     */
    @PreAuthorize(STAFF)
    @AuditedAction(AuditActions.LIMITS_SET)
    public GuestLimits apply(String guest, Map<String, LimitEdit> edits, boolean live, boolean persistent, @Nullable String digest) {
        GuestConfig config = config(guest);
        Map<KnownLimit, LimitValues> values = LimitEdits.validate(edits);
        if (!live && !persistent) {
            throw new InvalidInputException("mode", "choose to apply the limits now, save them, or both");
        }
        return applyValidated(config, values, live, persistent, digest);
    }

    /**
     * Applies the same limits to each guest in turn (saved, and live where the guest runs). One
     * guest failing does not stop the others; each gets a result and its own audit row.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.LIMITS_SET)
    public List<PresetResult> applyToGuests(Map<String, LimitEdit> edits, @Nullable List<String> guests) {
        Map<KnownLimit, LimitValues> values = LimitEdits.validate(edits);
        if (guests == null || guests.isEmpty()) {
            throw new InvalidInputException("guests", "choose at least one guest");
        }
        List<PresetResult> results = new ArrayList<>();
        for (String guest : guests) {
            try {
                int slash = guest.indexOf('/');
                if (slash > 0) {
                    results.add(applyOnOtherHost(guest.substring(0, slash), guest.substring(slash + 1), values));
                    continue;
                }
                if (!currentUser.maySee(guest)) {
                    throw new AccessDeniedException("not allowed");
                }
                GuestConfig config = config(guest);
                GuestLimits after = applyValidated(config, values, true, true, config.digest());
                results.add(new PresetResult(config.name(), true, Boolean.TRUE.equals(after.liveApplied())
                        ? "saved and applied to the running guest"
                        : "saved; applies at the next start"));
            } catch (AccessDeniedException e) {
                results.add(new PresetResult(guest, false, "no such guest or not allowed"));
            } catch (InvalidInputException | ConfigConflictException e) {
                results.add(new PresetResult(guest, false, e.getMessage()));
            } catch (RuntimeException e) {
                results.add(new PresetResult(guest, false, "failed: " + e.getMessage()));
            }
        }
        return results;
    }

    /** A preset for {@code guest} of managed host {@code host}: saved there by its agent, one audit row there. */
    private PresetResult applyOnOtherHost(String host, String guest, Map<KnownLimit, LimitValues> values) {
        Map<String, LimitValues> byName = new java.util.LinkedHashMap<>();
        values.forEach((limit, v) -> byName.put(limit.fileName(), v));
        boolean live = fleet.setLimits(host, guest, byName);
        return new PresetResult(HostGrammar.guestOnHost(host, guest), true, live
                ? "saved on " + host + " and applied to the running guest"
                : "saved on " + host + "; applies at the next start");
    }

    /** Audited change of already validated values. */
    private GuestLimits applyValidated(GuestConfig config, Map<KnownLimit, LimitValues> values, boolean live, boolean persistent,
            @Nullable String digest) {
        String guest = config.name();
        GuestLimits before = read(config, true);
        AtomicReference<GuestLimits> result = new AtomicReference<>();
        audit.audited(AuditActions.LIMITS_SET, target(config), describe(before, values.keySet(), live, persistent),
                () -> locks.withLock(guest, AuditActions.LIMITS_SET, () -> {
                    GuestLimits after = applyChecked(guest, values, live, persistent, digest);
                    result.set(after);
                    return describe(after, values.keySet(), live, persistent);
                }));
        return result.get();
    }

    private GuestLimits applyChecked(String guest, Map<KnownLimit, LimitValues> values, boolean live,
            boolean persistent, @Nullable String digest) {
        GuestConfig config = requireDigest(config(guest), digest);
        if (live) {
            // The context runs another guest's processes: its limits are not this guest's to change.
            occupants.now().refuseIfInConflict(guest);
        }
        sync.refuseIfUnmanaged(guest);
        GuestSpec spec = spec(config);
        boolean running = driver.isRunning(spec);
        if (live && !running && !persistent) {
            throw new InvalidInputException("live", "'" + guest + "' is not running; save the limits so they apply at its next start");
        }
        if (persistent) {
            config = writeLimits(config, values);
        }
        boolean applied = false;
        if (live && running) {
            GuestSpec fresh = spec(config);
            for (Map.Entry<KnownLimit, LimitValues> e : values.entrySet()) {
                driver.setLimitLive(fresh, e.getKey().fileName(), e.getValue());
            }
            applied = true;
        }
        return read(config(guest), true).withLiveApplied(applied);
    }

    // ---- reading and writing ----------------------------------------------------------------

    GuestConfig config(String guest) {
        return configs.readGuest(HostGrammar.guestName(guest));
    }

    GuestSpec spec(GuestConfig config) {
        if (config.context() == null) {
            throw new InvalidInputException("context", "'" + config.name() + "' has no static context (XID) configured");
        }
        return GuestSpecs.from(config, host.guestsRoot());
    }

    /** See {@link SyncService#refuseIfUnmanaged}: the other limit editors call it through here. */
    void refuseIfUnmanaged(String guest) {
        sync.refuseIfUnmanaged(guest);
    }

    GuestConfig requireDigest(GuestConfig current, @Nullable String digest) {
        if (digest == null || digest.isBlank()) {
            throw new InvalidInputException("digest", "the digest of the guest as read is required (GET the limits first)");
        }
        if (!current.digest().equals(digest)) {
            List<String> changed = configs.manifestRead(digest).map(seen -> seen.differences(current.manifest()))
                    .orElse(List.of());
            throw new ConfigConflictException(current.name(), digest, current.digest(), changed);
        }
        return current;
    }

    /**
     * Writes {@code .soft} and {@code .hard} of every limit as one change: all files or none. A
     * failure part-way puts back what was written; a crash part-way is found from the intent's
     * file list at the next start and undone there (IntentRecovery), never left with the values of
     * two requests on disk.
     */
    private GuestConfig writeLimits(GuestConfig config, Map<KnownLimit, LimitValues> values) {
        Map<String, LimitValues> byName = new LinkedHashMap<>();
        values.forEach((limit, v) -> byName.put(limit.fileName(), v));
        return write(config, new ConfigChange.SetLimits(byName));
    }

    GuestConfig write(GuestConfig basis, ConfigChange change) {
        try {
            return writer.apply(basis, change);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the config of '" + basis.name() + "': " + e.getMessage(), e);
        }
    }

    GuestLimits read(GuestConfig config, boolean fresh) {
        return reads.read(config, fresh);
    }

    static AuditTarget target(GuestConfig config) {
        return AuditTarget.guest(config.name(), config.context());
    }

    private static Map<String, Object> describe(GuestLimits limits, java.util.Collection<KnownLimit> names, boolean live,
            boolean persistent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("live", live);
        out.put("persistent", persistent);
        for (KnownLimit l : names) {
            LimitRow r = java.util.Objects.requireNonNull(limits.row(l.fileName()), "every known limit has a row");
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("savedSoft", r.savedSoft());
            v.put("savedHard", r.savedHard());
            v.put("liveSoft", r.liveSoft());
            v.put("liveHard", r.liveHard());
            out.put(l.fileName(), v);
        }
        return out;
    }
}
