package org.vsconsole.audit;

import java.time.Instant;

/**
 * Filters of the Audit view and {@code GET /api/v1/audit}; null fields do not filter. Text
 * fields match case-insensitively as substrings, outcome exactly.
 */
public record AuditQuery(String actor, String action, String target, Outcome outcome, Instant from, Instant to) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null);

    public static AuditQuery forGuest(String guest) {
        return new AuditQuery(null, null, guest, null, null, null);
    }
}
