package org.vsconsole.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.Outcome;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.PlannedFile;
import org.vsconsole.host.config.HostGrammar;
import org.jspecify.annotations.Nullable;

/**
 * At start-up, before the registry is reconciled: every intent without an outcome is an action
 * the console died in. Each is checked against the tree and the kernel and closed with an audit
 * row {@code intent.recovered} by the system saying whether it was applied, not applied or partly
 * applied, and the guest's actual state. Two are finished rather than only reported: a change
 * of files found half written is put back, and a delete that had begun removing (its files were
 * planned) is completed, as the user asked ({@link InterruptedDelete}).
 */
@Component
@Order(1)
class IntentRecovery implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IntentRecovery.class);

    /** What was found for one interrupted intent. */
    record Finding(String result, String guestState, @Nullable String digest, @Nullable String detail) {
    }

    private final SyncRepository repository;
    private final GuestConfigReader reader;
    private final HostDriver driver;
    private final HostProperties host;
    private final AuditService audit;
    private final SyncService sync;

    private final GuestConfigWriter writer;
    private final InterruptedDelete deletes;

    IntentRecovery(SyncRepository repository, GuestConfigReader reader, HostDriver driver, HostProperties host,
            AuditService audit, SyncService sync, GuestConfigWriter writer) {
        this.writer = writer;
        this.deletes = new InterruptedDelete(reader, driver, host, writer);
        this.repository = repository;
        this.reader = reader;
        this.driver = driver;
        this.host = host;
        this.audit = audit;
        this.sync = sync;
    }

    @Override
    public void run(ApplicationArguments args) {
        recover();
    }

    /** Resolves every open intent; returns how many. */
    int recover() {
        List<SyncRepository.Intent> open = repository.openIntents();
        for (SyncRepository.Intent intent : open) {
            if (intent.guest() != null) {
                // the dead process's action is over: the guest's reconcile no longer waits for it
                sync.endAction(intent.guest());
            }
            Finding f;
            try {
                f = inspect(intent);
            } catch (RuntimeException e) {
                f = new Finding("unknown", "unknown", null, "could not be checked: " + e.getMessage());
            }
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("intent", intent.id());
            before.put("action", intent.action());
            before.put("actor", intent.actor());
            before.put("startedAt", intent.startedAt().toString());
            before.put("digest", intent.beforeDigest());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("result", f.result());
            after.put("guestState", f.guestState());
            after.put("digest", f.digest());
            String message = "interrupted " + intent.action() + " by " + intent.actor()
                    + (intent.guest() == null ? "" : " on '" + intent.guest() + "'") + ": " + f.result()
                    + "; guest is " + f.guestState() + (f.detail() == null ? "" : "; " + f.detail());
            audit.record(Actor.SYSTEM, new AuditEntry(AuditActions.INTENT_RECOVERED, AuditTarget.guest(intent.guest(), intent.xid()),
                    before, after, Outcome.OK, message, 0), intent.correlationId());
            repository.finishIntent(intent.id(), "interrupted: " + f.result());
            log.warn("Recovered {}", message);
        }
        return open.size();
    }

    /**
     * What became of a change whose files were recorded before it began: each file is as it was,
     * as the change would have made it, or neither (someone else changed it). A change found half
     * written is put back whole, when nobody else touched its files, so a limits change never
     * leaves the values of two requests on disk. Whatever the console itself wrote is taken as its
     * own write, never reported later as changed outside the console.
     */
    private Finding byFiles(String guest, GuestConfig config, List<PlannedFile> files, String state) {
        Map<String, String> now = config.manifest().fingerprints();
        List<String> written = new ArrayList<>();
        List<String> notWritten = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (PlannedFile f : files) {
            String current = now.get(f.path());
            if (Objects.equals(current, f.after()) && !Objects.equals(f.before(), f.after())) {
                written.add(f.path());
            } else if (Objects.equals(current, f.before())) {
                notWritten.add(f.path());
            } else {
                other.add(f.path());
            }
        }
        String digest = config.digest();
        if (!other.isEmpty()) {
            // Not the console's bytes: left as they are, so the reconcile shows them as a change outside.
            return new Finding("partly applied", state, digest, "changed by someone else since: " + other
                    + (written.isEmpty() ? "" : "; written by the console: " + written)
                    + (notWritten.isEmpty() ? "" : "; not written: " + notWritten) + "; left for an admin to review");
        }
        if (notWritten.isEmpty()) {
            sync.expect(guest, digest);
            return new Finding("applied", state, digest, "all " + files.size() + " files written: " + written);
        }
        if (written.isEmpty()) {
            sync.expect(guest, digest);
            return new Finding("not applied", state, digest, "none of the " + files.size() + " files written: " + notWritten);
        }
        String half = "interrupted part-way: written " + written + ", not written " + notWritten;
        try {
            GuestConfig back = writer.putBack(guest, files);
            if (back != null) {
                sync.expect(guest, back.digest());
                return new Finding("not applied (put back)", state, back.digest(), half
                        + "; the written files were put back as they were, so none of the change holds");
            }
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("Could not put back the files of '{}': {}", guest, e.getMessage());
        }
        sync.expect(guest, digest);
        return new Finding("partly applied", state, digest, half + "; they could not be put back: an admin must review");
    }

    Finding inspect(SyncRepository.Intent intent) {
        String guest = intent.guest();
        if (guest == null || !HostGrammar.isGuestName(guest)) {
            return new Finding("unknown", "not a guest action", null, "nothing to check on the host");
        }
        boolean exists = reader.isGuest(guest);
        GuestConfig config = exists ? reader.readGuest(guest) : null;
        Boolean running = null;
        boolean rootExists = false;
        if (config != null && config.context() != null) {
            try {
                running = driver.isRunning(GuestSpecs.from(config, host.guestsRoot()));
            } catch (RuntimeException e) {
                running = null;
            }
            rootExists = GuestSpecs.isDirectory(GuestSpecs.rootOf(config, host.guestsRoot()));
        }
        String state = !exists ? "absent" : running == null ? "present (running state unknown)" : running ? "running" : "stopped";
        String digest = config == null ? null : config.digest();
        return switch (intent.action()) {
            case AuditActions.GUEST_START -> new Finding(Boolean.TRUE.equals(running) ? "applied" : "not applied", state, digest, null);
            case AuditActions.GUEST_STOP -> new Finding(Boolean.FALSE.equals(running) ? "applied" : "not applied", state, digest, null);
            case AuditActions.GUEST_RESTART -> Boolean.TRUE.equals(running)
                    ? new Finding("applied", state, digest, "it runs; whether it was stopped first cannot be told")
                    : new Finding("partly applied", state, digest, "stopped but not started again");
            case AuditActions.GUEST_CREATE -> config == null
                    ? new Finding("not applied", state, null, null)
                    : rootExists
                            ? new Finding("applied", state, digest, null)
                            : new Finding("partly applied", state, digest, "config directory exists, root tree missing");
            case AuditActions.GUEST_DELETE -> config == null
                    ? new Finding("applied", state, null, null)
                    : !repository.intentFiles(intent.id()).isEmpty()
                            ? deletes.complete(guest, config, running, rootExists, state)
                            : rootExists
                                    ? new Finding("not applied", state, digest, "it had not passed its checks yet")
                                    : new Finding("partly applied", state, digest,
                                            "root tree removed, config directory still there");
            default -> {
                if (config == null) {
                    yield new Finding("unknown", state, null, "guest directory is gone");
                }
                List<PlannedFile> files = repository.intentFiles(intent.id());
                if (!files.isEmpty()) {
                    yield byFiles(guest, config, files, state);
                }
                if (intent.beforeDigest() == null) {
                    yield new Finding("unknown", state, digest, "no digest was recorded before the action");
                }
                if (intent.beforeDigest().equals(config.digest())) {
                    yield new Finding("not applied", state, digest, "config unchanged");
                }
                // The console's own write went through: take it as the baseline, not as drift.
                sync.expect(guest, config.digest());
                yield new Finding("applied", state, digest, "config changed since the intent; taken as the console's write");
            }
        };
    }
}
