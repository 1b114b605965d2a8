package org.vsconsole.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the Audit view and {@code GET /api/v1/audit}; null fields do not filter. Text
 * fields match case-insensitively as substrings, outcome exactly; host names the host a row is
 * about ({@code local} for this one, see {@link AuditHosts}).
 */
public record AuditQuery(@Nullable String actor, @Nullable String action, @Nullable String target, @Nullable Outcome outcome,
        @Nullable Instant from, @Nullable Instant to, @Nullable String host) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null);

    public static AuditQuery forGuest(String guest) {
        return new AuditQuery(null, null, guest, null, null, null, null);
    }
}
