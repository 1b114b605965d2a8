package org.vsconsole.jobs;

import org.jspecify.annotations.Nullable;

/**
 * What a follower of a job hears: a new log line, or the job's new state and progress (with
 * {@code line} null).
 */
public record JobEvent(long jobId, @Nullable String line, JobState state, int progress, @Nullable String message) {
}
