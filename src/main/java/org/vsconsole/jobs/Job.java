package org.vsconsole.jobs;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A job as views and REST show it. */
@io.swagger.v3.oas.annotations.media.Schema(description = "Long-running work; follow it until state is no longer"
        + " queued or running.", example = """
                {"id":42,"kind":"guest.create","title":"Create guest web1","target":"web1","actor":"admin",\
                "state":"running","progress":40,"message":"building the root","createdAt":"2026-11-30T16:00:00Z",\
                "startedAt":"2026-11-30T16:00:01Z","items":[]}""")
public record Job(
        long id,
        String kind,
        String title,
        @Nullable String target,
        String actor,
        JobState state,
        int progress,
        @Nullable String message,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        List<JobItem> items) {

    /** One unit of a job, e.g. one guest of a bulk start, with its own result. */
    public record JobItem(String item, JobState state, @Nullable String message) {
    }
}
