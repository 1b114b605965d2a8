package org.vsconsole.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.Outcome;
import org.vsconsole.host.config.GuestConfig;

/**
 * The audit rows of what the reconcile found done outside the console, filed under the actor
 * "external (detected)": a guest made or removed by hand, its files changed, or changed back.
 * A changed file's before and after are its text when small, else its fingerprint.
 */
final class OutsideChangeAudit {

    private static final Logger log = LoggerFactory.getLogger(OutsideChangeAudit.class);

    private final AuditService audit;
    private final DriftReports reports;

    OutsideChangeAudit(AuditService audit, DriftReports reports) {
        this.audit = audit;
        this.reports = reports;
    }

    void removed(String name, GuestSyncStatus row) {
        record(new AuditEntry(AuditActions.GUEST_REMOVED_OUTSIDE, AuditTarget.guest(name, null),
                Map.of("state", row.state().dbValue(), "digest", String.valueOf(row.acceptedDigest())), null,
                Outcome.OK, "guest directory '" + name + "' was removed outside the console", 0));
        log.info("Guest '{}' was removed outside the console", name);
    }

    void appeared(GuestConfig config, SyncState state) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("state", state.dbValue());
        after.put("digest", config.digest());
        after.put("files", new ArrayList<>(config.manifest().fingerprints().keySet()));
        record(new AuditEntry(AuditActions.GUEST_APPEARED_OUTSIDE, AuditTarget.guest(config.name(), config.context()),
                null, after, Outcome.OK, "guest directory '" + config.name() + "' was made outside the console"
                        + (state == SyncState.MANAGED ? "; adopted automatically" : "; unmanaged until an admin adopts it"),
                0));
        log.info("Guest '{}' appeared outside the console ({})", config.name(), state.dbValue());
    }

    void backToAccepted(GuestConfig config) {
        record(new AuditEntry(AuditActions.GUEST_CHANGED_OUTSIDE, AuditTarget.guest(config.name(), config.context()),
                null, Map.of("digest", config.digest()), Outcome.OK,
                "the tree of '" + config.name() + "' is back to the accepted content", 0));
    }

    void changed(GuestConfig config, Map<String, SyncRepository.FileRow> accepted, List<String> changed) {
        Map<String, Object> before = new TreeMap<>();
        Map<String, Object> after = new TreeMap<>();
        for (String path : changed) {
            SyncRepository.FileRow old = accepted.get(path);
            before.put(path, old == null ? null : DriftReports.shown(old.fingerprint(), old.content()));
            String fp = config.manifest().fingerprints().get(path);
            after.put(path, fp == null ? null : DriftReports.shown(fp, reports.currentContent(config.name(), path, fp)));
        }
        record(new AuditEntry(AuditActions.GUEST_CHANGED_OUTSIDE, AuditTarget.guest(config.name(), config.context()),
                before, after, Outcome.OK, "changed outside the console: " + String.join(", ", changed), 0));
        log.info("Guest '{}' changed outside the console: {}", config.name(), changed);
    }

    private void record(AuditEntry entry) {
        audit.record(Actor.EXTERNAL, entry, UUID.randomUUID().toString());
    }
}
