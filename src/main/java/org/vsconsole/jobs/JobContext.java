package org.vsconsole.jobs;

import org.jspecify.annotations.Nullable;

/** What a running job may do: log a line, report progress and item results, check for cancel. */
public interface JobContext {

    long jobId();

    void log(String line);

    /** Progress in percent, 0..100. */
    void progress(int percent);

    void item(String item, JobState state, @Nullable String message);

    boolean cancelled();
}
