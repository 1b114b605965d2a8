package org.vsconsole.host.proc;

/**
 * The three ways {@code vserver-stat} gathers its numbers, chosen exactly as in its {@code main()}:
 * statistics syscalls when the kernel has them, else the {@code /proc/<pid>} walk, with memory
 * cgroup figures when the kernel accounts memory there.
 */
public enum StatPath {

    /** vs2.0 and 2.1 before 0x00020103, and 2.3.6+ without memcg: per-process sums, host included. */
    PROCESS_WALK,
    /** 0x00020103 ≤ API < 0x00020306: per-context figures (here from their /proc/virtual twins). */
    CONTEXT_STATISTICS,
    /** 2.3.6+ with memcg: process walk for xids and VSZ, cgroup files for RSS and CPU time. */
    CGROUP,
    /** A stock kernel (no {@code /proc/virtual}): the linux driver's cgroups, one per context, and a process walk for the host. */
    LINUX_CGROUP;

    public static StatPath of(VirtualInfo info) {
        if (info.hasStatisticsSyscalls()) {
            return CONTEXT_STATISTICS;
        }
        return info.hasMemoryCgroup() ? CGROUP : PROCESS_WALK;
    }
}
