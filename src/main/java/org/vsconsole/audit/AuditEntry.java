package org.vsconsole.audit;

import org.jspecify.annotations.Nullable;

/**
 * What a feature hands to {@link AuditService#record}: the action and its target, the state
 * before and after (any object; stored as JSON), the outcome and how long it took. The actor and
 * client address are taken from the current request, not from the caller.
 */
public record AuditEntry(
        String action,
        @Nullable AuditTarget target,
        @Nullable Object before,
        @Nullable Object after,
        Outcome outcome,
        @Nullable String message,
        long durationMs) {

    public static AuditEntry ok(String action, @Nullable AuditTarget target, @Nullable Object before, @Nullable Object after,
            long durationMs) {
        return new AuditEntry(action, target, before, after, Outcome.OK, null, durationMs);
    }
}
