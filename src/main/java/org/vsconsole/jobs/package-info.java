/**
 * Long-running work: guest builds, bulk starts and stops, package updates. A job is a persisted
 * row with items, a streamed log, progress and cancel; its work runs on a bounded executor with
 * the submitting user's security context. Views follow a job live through
 * {@link org.vsconsole.jobs.JobService#follow}. A job still running when the console dies is
 * marked interrupted at the next start, never silently lost.
 */
@NullMarked
package org.vsconsole.jobs;

import org.jspecify.annotations.NullMarked;
