package org.vsconsole.jobs;

/**
 * The body of a job. It reports through the context and ends normally (succeeded), by throwing
 * (failed, the exception's message kept), or by noticing {@link JobContext#cancelled()}.
 */
@FunctionalInterface
public interface JobWork {

    void run(JobContext context) throws Exception;
}
