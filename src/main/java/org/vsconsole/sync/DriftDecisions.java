package org.vsconsole.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.GuestLocks;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.GuestTreeChanged;
import org.vsconsole.host.config.AcceptedEntry;
import org.vsconsole.host.config.ConfigConflictException;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.jspecify.annotations.Nullable;

/**
 * An admin's decisions on a guest the sync found changed or made outside the console: accept the
 * tree as it is, adopt a hand-made guest, or restore the accepted content. Each is audited, takes
 * the guest's lock and then the registry's, and refuses a tree that changed since the admin saw it.
 */
@Service
public class DriftDecisions {

    private final SyncService sync;
    private final SyncRepository repository;
    private final GuestConfigReader reader;
    private final GuestConfigWriter writer;
    private final AuditService audit;
    private final GuestLocks guestLocks;
    private final ApplicationEventPublisher events;

    DriftDecisions(SyncService sync, SyncRepository repository, GuestConfigReader reader, GuestConfigWriter writer,
            AuditService audit, GuestLocks guestLocks, ApplicationEventPublisher events) {
        this.sync = sync;
        this.repository = repository;
        this.reader = reader;
        this.writer = writer;
        this.audit = audit;
        this.guestLocks = guestLocks;
        this.events = events;
    }

    /** Takes the tree as it is now as the new accepted baseline. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_DRIFT_ACCEPT)
    public GuestSyncStatus accept(String guest, @Nullable String seenDigest) {
        HostGrammar.guestName(guest);
        DriftReport before = sync.drift(guest);
        return decide(AuditActions.GUEST_DRIFT_ACCEPT, guest, DriftReports.summary(before), config -> {
            requireSeen(guest, seenDigest, config);
            GuestSyncStatus saved = sync.saveBaseline(config, SyncState.MANAGED, repository.find(guest).orElse(null), Instant.now());
            events.publishEvent(new GuestTreeChanged(guest));
            return saved;
        });
    }

    /** Adopts a hand-made guest: its tree as it is now becomes the accepted baseline. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_ADOPT)
    public GuestSyncStatus adopt(String guest) {
        HostGrammar.guestName(guest);
        return decide(AuditActions.GUEST_ADOPT, guest,
                Map.of("state", sync.status(guest).map(s -> s.state().dbValue()).orElse("unknown")), config -> {
                    GuestSyncStatus saved = sync.saveBaseline(config, SyncState.MANAGED, repository.find(guest).orElse(null),
                            Instant.now());
                    events.publishEvent(new GuestTreeChanged(guest));
                    return saved;
                });
    }

    /**
     * Writes the accepted content back over the changed files (each replaced atomically), removes
     * files added since, and recreates removed ones. Refused, before touching anything, when a
     * changed file's accepted content was too large to keep.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_DRIFT_RESTORE)
    public GuestSyncStatus restore(String guest, @Nullable String seenDigest) {
        HostGrammar.guestName(guest);
        DriftReport before = sync.drift(guest);
        return decide(AuditActions.GUEST_DRIFT_RESTORE, guest, DriftReports.summary(before), config -> {
            requireSeen(guest, seenDigest, config);
            GuestSyncStatus row = repository.find(guest)
                    .orElseThrow(() -> new InvalidInputException("guest", "no accepted content is known for '" + guest + "'"));
            GuestConfig after = restoreFiles(guest, config, repository.files(guest));
            if (!after.digest().equals(row.acceptedDigest())) {
                throw new IllegalStateException("the tree of '" + guest + "' still differs after the restore: "
                        + String.join(", ", DriftReports.manifestOf(repository.files(guest)).differences(after.manifest())));
            }
            return sync.saveBaseline(after, SyncState.MANAGED, row, Instant.now());
        });
    }

    /**
     * One decision on a guest's tree, audited: under the guest's lock (no start, limit change or
     * delete meanwhile) and the registry's (no reconcile meanwhile), on the tree as it is now.
     */
    private GuestSyncStatus decide(String action, String guest, Object before,
            java.util.function.Function<GuestConfig, GuestSyncStatus> decision) {
        return audit.audited(action, AuditTarget.guest(guest, null), before, () -> guestLocks.withLock(guest, action, () -> {
            sync.lockRegistry();
            try {
                return decision.apply(reader.readGuest(guest));
            } finally {
                sync.unlockRegistry();
            }
        }));
    }

    private GuestConfig restoreFiles(String guest, GuestConfig config, Map<String, SyncRepository.FileRow> accepted) {
        for (String path : DriftReports.manifestOf(accepted).differences(config.manifest())) {
            SyncRepository.FileRow old = accepted.get(path);
            if (old != null && old.fingerprint().startsWith("f:") && old.content() == null) {
                throw new InvalidInputException("restore", "the accepted content of " + path + " was too large to keep ("
                        + "over " + DriftReports.MAX_STORED_BYTES + " bytes); restore it by hand or accept the change");
            }
            if (old != null && !(old.fingerprint().startsWith("f:") || old.fingerprint().equals("d")
                    || old.fingerprint().startsWith("l:"))) {
                throw new InvalidInputException("restore", path + " was not a file, directory or link; restore it by hand");
            }
        }
        Map<String, AcceptedEntry> entries = new TreeMap<>();
        accepted.forEach((p, f) -> entries.put(p, new AcceptedEntry(f.fingerprint(), f.content())));
        try {
            return writer.restore(guest, config.digest(), entries);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restore '" + guest + "': " + e.getMessage(), e);
        }
    }

    private static void requireSeen(String guest, @Nullable String seenDigest, GuestConfig config) {
        if (seenDigest != null && !seenDigest.equals(config.digest())) {
            throw new ConfigConflictException(guest, seenDigest, config.digest(), List.of());
        }
    }
}
