package org.vsconsole.audit;

import org.jspecify.annotations.Nullable;

/**
 * Records the intent of a state-changing action before it runs and its outcome after, so an
 * action the console died in can be found and checked at the next start (AU2 in the reliability
 * plan). {@link AuditService#audited} calls it; the sync feature implements it. Defined here so
 * audit never depends on the features that use it; without an implementation nothing is recorded.
 */
public interface IntentRecorder {

    /** Records nothing. Used when no implementation is present. */
    IntentRecorder NONE = new IntentRecorder() {

        @Override
        public @Nullable Object started(String correlationId, Actor actor, String action, AuditTarget target,
                @Nullable Object before) {
            return null;
        }

        @Override
        public void finished(@Nullable Object handle, Outcome outcome, @Nullable String message) {
        }
    };

    /**
     * Called before the work starts; the record must be durable (committed) when this returns.
     *
     * @return a handle passed back to {@link #finished}; may be null
     */
    @Nullable
    Object started(String correlationId, Actor actor, String action, AuditTarget target, @Nullable Object before);

    /** Called after the work ended, whatever the outcome. */
    void finished(@Nullable Object handle, Outcome outcome, @Nullable String message);
}
