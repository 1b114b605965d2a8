package org.vsconsole.host.linux;

import java.util.List;
import java.util.Map;
import org.vsconsole.host.ContextDetails;
import org.vsconsole.host.ContextFigures;

/**
 * The details panel's figures on a stock kernel: only what the context's cgroup and its processes
 * say (tasks from {@code pids.current}, uptime from its init). A stock kernel keeps no per-context
 * load, forks, token bucket, socket accounting or context flags, so those stay null and are named
 * as not available; nothing is estimated.
 */
final class LinuxContextDetails {

    static final List<String> UNAVAILABLE = List.of(
            "Load averages, running and uninterruptible tasks and forks: not available on this driver (a stock kernel"
                    + " keeps no per-context load; /proc/virtual exists only on Linux-VServer kernels).",
            "Host name and kernel release of the context: not available on this driver.",
            "Scheduler (sched): not available on this driver; the cgroup's CPU weight is not a token bucket.",
            "Socket accounting (cacct): not available on this driver.",
            "Context flags and capabilities (status): not available on this driver.",
            "Raw /proc/virtual files: not available on this driver.");

    private LinuxContextDetails() {
    }

    static ContextDetails of(int xid, String source, CgroupFigures cgroup, ContextFigures figures) {
        Long tasks = cgroup.pidsCurrent();
        ContextDetails.Cvirt cvirt = new ContextDetails.Cvirt(null, null, null, tasks, null, null, null, null, null,
                figures.uptimeMs(), null, null, null, null, null, null);
        ContextDetails.Status status = new ContextDetails.Status(null, tasks, null, null, null);
        return new ContextDetails(xid, source, cvirt, null, null, status, Map.of(), UNAVAILABLE);
    }
}
