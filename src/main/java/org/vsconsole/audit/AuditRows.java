package org.vsconsole.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * Turns an entry into the next row of the chain and stores it: bounded, escaped text, the
 * previous row's hash, its own hash, in a transaction of its own so a row outlives the action's
 * rollback. Callers hold the append lock: the next sequence number is read, not reserved.
 */
final class AuditRows {

    /** The hash of a row not hashed yet: {@link AuditChain#hash} covers every field but this one. */
    private static final String NOT_HASHED = "";

    private final AuditRepository repository;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;

    AuditRows(AuditRepository repository, ObjectMapper json, PlatformTransactionManager tx) {
        this.repository = repository;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    AuditEvent append(Actor actor, AuditEntry entry, String correlationId) {
        return Objects.requireNonNull(ownTransaction.execute(status -> appendHere(actor, entry, correlationId)),
                "the transaction's callback returns the appended row");
    }

    /**
     * Appends a held event unless a row of it is already in (null then): the check, the row and
     * the mark of its id are one transaction, so each held event is in the log exactly once.
     */
    @Nullable
    AuditEvent appendHeld(Actor actor, AuditEntry entry, String correlationId, String heldId) {
        return ownTransaction.execute(status -> {
            if (repository.heldWritten(heldId)) {
                return null;
            }
            AuditEvent appended = appendHere(actor, entry, correlationId);
            repository.markHeldWritten(heldId, appended.seq());
            return appended;
        });
    }

    private AuditEvent appendHere(Actor actor, AuditEntry entry, String correlationId) {
        AuditEvent last = repository.last().orElse(null);
        long seq = last == null ? 1 : last.seq() + 1;
        String prevHash = last == null ? AuditChain.GENESIS : last.hash();
        AuditTarget target = entry.target() == null ? AuditTarget.NONE : entry.target();
        AuditEvent unhashed = new AuditEvent(seq, Instant.now().truncatedTo(ChronoUnit.MICROS),
                bounded(actor.name(), 64), bounded(actor.roles(), 100), boundedOrNull(actor.clientAddress(), 64),
                bounded(entry.action(), 64), boundedOrNull(target.guest(), 63), target.xid(),
                boundedOrNull(target.detail(), 200), toJson(entry.before()), toJson(entry.after()), entry.outcome(),
                boundedOrNull(entry.message(), 1000), entry.durationMs(), correlationId, prevHash, NOT_HASHED);
        AuditEvent hashed = withHash(unhashed, AuditChain.hash(unhashed, prevHash));
        repository.insert(hashed);
        return hashed;
    }

    /** JSON of a before/after value, at most {@link AuditText#MAX_JSON} characters (Jackson escapes the content). */
    private @Nullable String toJson(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        String full = json.writeValueAsString(value);
        if (full.length() <= AuditText.MAX_JSON) {
            return full;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("summary", full.substring(0, AuditText.JSON_HEAD));
        summary.put("originalChars", full.length());
        return json.writeValueAsString(summary);
    }

    private static AuditEvent withHash(AuditEvent e, String hash) {
        return new AuditEvent(e.seq(), e.time(), e.actor(), e.actorRoles(), e.clientAddress(), e.action(),
                e.targetGuest(), e.targetXid(), e.targetDetail(), e.beforeJson(), e.afterJson(), e.outcome(),
                e.message(), e.durationMs(), e.correlationId(), e.prevHash(), hash);
    }

    private static String bounded(String value, int max) {
        return AuditText.bounded(value, max);
    }

    private static @Nullable String boundedOrNull(@Nullable String value, int max) {
        return AuditText.boundedOrNull(value, max);
    }
}
