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

    /**
     * Passes the point of no return ({@code why}, as a refused cancel will say): from now on the
     * job ends on its own outcome and a cancel is refused. False, with nothing changed, when a
     * cancel came first: the job then ends as cancelled, undoing what it did.
     */
    default boolean commit(String why) {
        return !cancelled();
    }
}
