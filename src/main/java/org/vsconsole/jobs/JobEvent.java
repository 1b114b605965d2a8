package org.vsconsole.jobs;

/**
 * What a follower of a job hears: a new log line, or the job's new state and progress (with
 * {@code line} null).
 */
public record JobEvent(long jobId, String line, JobState state, int progress, String message) {
}
