package org.vsconsole.jobs;

import com.vaadin.flow.component.html.Span;
import org.jspecify.annotations.Nullable;

/** A job's state said in words and coloured the same way wherever a job is shown. */
final class JobBadges {

    private JobBadges() {
    }

    /** The state in words; a failure or interruption carries its reason. */
    static String text(JobState state, @Nullable String message) {
        return switch (state) {
            case QUEUED -> "Queued";
            case RUNNING -> "Running…";
            case SUCCEEDED -> "Finished";
            case FAILED -> message == null ? "Failed" : "Failed: " + message;
            case CANCELLED -> "Cancelled";
            case INTERRUPTED -> message == null ? "Interrupted" : "Interrupted: " + message;
            case SKIPPED -> "Skipped";
        };
    }

    static void theme(Span badge, JobState state) {
        badge.getElement().getThemeList().clear();
        badge.getElement().getThemeList().add(switch (state) {
            case SUCCEEDED -> "badge success";
            case FAILED, INTERRUPTED -> "badge error";
            case CANCELLED -> "badge contrast";
            default -> "badge";
        });
    }

    static Span badge(JobState state) {
        Span badge = new Span(text(state, null));
        theme(badge, state);
        return badge;
    }
}
