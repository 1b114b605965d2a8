package org.vsconsole.jobs;

import java.time.Instant;
import java.util.List;

/** A job as views and REST show it. */
public record Job(
        long id,
        String kind,
        String title,
        String target,
        String actor,
        JobState state,
        int progress,
        String message,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        List<JobItem> items) {

    /** One unit of a job, e.g. one guest of a bulk start, with its own result. */
    public record JobItem(String item, JobState state, String message) {
    }
}
