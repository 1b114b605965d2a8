package org.vsconsole.audit;

/**
 * What a feature hands to {@link AuditService#record}: the action and its target, the state
 * before and after (any object; stored as JSON), the outcome and how long it took. The actor and
 * client address are taken from the current request, not from the caller.
 */
public record AuditEntry(
        String action,
        AuditTarget target,
        Object before,
        Object after,
        Outcome outcome,
        String message,
        long durationMs) {

    public static AuditEntry ok(String action, AuditTarget target, Object before, Object after, long durationMs) {
        return new AuditEntry(action, target, before, after, Outcome.OK, null, durationMs);
    }
}
