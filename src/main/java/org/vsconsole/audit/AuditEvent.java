package org.vsconsole.audit;

import java.time.Instant;

/** One stored row of the audit log, exactly as hashed. */
public record AuditEvent(
        long seq,
        Instant time,
        String actor,
        String actorRoles,
        String clientAddress,
        String action,
        String targetGuest,
        Integer targetXid,
        String targetDetail,
        String beforeJson,
        String afterJson,
        Outcome outcome,
        String message,
        long durationMs,
        String correlationId,
        String prevHash,
        String hash) {
}
