package org.vsconsole.audit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.StateConflictException;

/**
 * Whether the database's newest audit row is still the one the anchor file names, checked
 * before every append: rows cut off the end, a rewritten chain or a missing anchor stop the
 * log (the last answer is kept for banners and refusals). The two known harmless cases are
 * mended here: a crash between a row's commit and the anchor write (the anchor catches up), and a
 * database lost whole (a new chain starts that says what was lost). Callers hold the append lock.
 */
final class AnchorCheck {

    private static final Logger log = LoggerFactory.getLogger(AnchorCheck.class);

    private final AuditRepository repository;
    private final AuditAnchor anchor;
    private final AuditRows rows;
    private volatile Optional<String> problem = Optional.empty();

    AnchorCheck(AuditRepository repository, AuditAnchor anchor, AuditRows rows) {
        this.repository = repository;
        this.anchor = anchor;
        this.rows = rows;
    }

    /** The last check's finding, without checking again. */
    Optional<String> problem() {
        return problem;
    }

    /**
     * After an admin has reviewed a mismatch: appends one {@code audit.reanchored} row that records
     * what the anchor and the database said, and counts the log as matching again from that row
     * (the caller anchors it there). Refused while the log matches its anchor.
     */
    AuditEvent reanchor(Actor admin, String reason) {
        Optional<String> found = check();
        if (found.isEmpty()) {
            throw new StateConflictException("audit", "the audit log matches its anchor; there is nothing to re-anchor");
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("problem", found.get());
        before.put("anchor", anchor.read().map(h -> h.seq() + " " + h.hash()).orElse(null));
        before.put("databaseHead", repository.last().map(e -> e.seq() + " " + e.hash()).orElse(null));
        AuditEvent appended = rows.append(admin, new AuditEntry(AuditActions.AUDIT_REANCHORED, AuditTarget.detail("audit log"),
                before, null, Outcome.OK, reason, 0), UUID.randomUUID().toString());
        problem = Optional.empty();
        return appended;
    }

    /** Compares the database's newest row with the anchor. */
    Optional<String> check() {
        AuditEvent head = repository.last().orElse(null);
        AuditAnchor.@Nullable Head anchored = anchor.read().orElse(null);
        if (head != null && anchored != null && AuditIntegrity.oneRowPastTheAnchor(head, anchored)) {
            // The console died between committing a row and writing the anchor: the row links to
            // the anchored one and matches its own hash, so the anchor catches up.
            log.warn("Audit anchor was one row behind (row {}, a crash between commit and anchor write); moved it on",
                    head.seq());
            anchor.write(head.seq(), head.hash());
            anchored = anchor.read().orElse(null);
        }
        if (head == null && anchored != null) {
            head = restartLostChain(anchored);
            anchored = anchor.read().orElse(null);
        }
        Optional<String> found = AuditIntegrity.compare(head, anchor.exists(), anchored);
        if (found.isPresent() && problem.isEmpty()) {
            log.error("AUDIT LOG INTEGRITY: {}. Nothing more is appended and changes are refused until an admin"
                    + " re-anchors the log.", found.get());
        }
        problem = found;
        return found;
    }

    /**
     * The database holds no audit rows but the anchor names some: the database was lost or
     * replaced, and its log with it. Refusing would protect nothing (nothing is left) and keep a
     * rebuilt console from working, so a new chain starts whose first row says what was lost;
     * the old anchor is kept beside the new one and the loss is logged at ERROR.
     */
    private @Nullable AuditEvent restartLostChain(AuditAnchor.Head lost) {
        Path aside;
        try {
            aside = anchor.setAside(lost.seq());
        } catch (java.io.IOException e) {
            return null; // cannot move it: stay in alarm (compare reports the empty log)
        }
        log.error("AUDIT LOG LOST: the database holds no audit rows but the anchor named row {} ({}). A new audit"
                + " chain starts; the old anchor is kept as {}", lost.seq(), lost.hash(), aside);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("lostRows", lost.seq());
        before.put("lostHead", lost.hash());
        before.put("oldAnchor", aside.getFileName().toString());
        AuditEvent first = rows.append(Actor.SYSTEM, new AuditEntry(AuditActions.AUDIT_CHAIN_RESTARTED,
                AuditTarget.detail("audit log"), before, null, Outcome.FAILED, "the database held no audit rows but the"
                        + " anchor named row " + lost.seq() + ": the previous audit log was lost with the database",
                0),
                UUID.randomUUID().toString());
        anchor.write(first.seq(), first.hash());
        return first;
    }
}
