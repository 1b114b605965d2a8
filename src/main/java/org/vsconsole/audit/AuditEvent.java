package org.vsconsole.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One stored row of the audit log, exactly as hashed. */
public record AuditEvent(
        long seq,
        Instant time,
        String actor,
        String actorRoles,
        @Nullable String clientAddress,
        String action,
        @Nullable String targetGuest,
        @Nullable Integer targetXid,
        @Nullable String targetDetail,
        @Nullable String beforeJson,
        @Nullable String afterJson,
        Outcome outcome,
        @Nullable String message,
        long durationMs,
        String correlationId,
        String prevHash,
        String hash) {
}
