package org.vsconsole.host.proc;

/**
 * Per-CPU accounting line of the sched file, in kernel jiffies (HZ, not USER_HZ). The further
 * per-CPU bucket fields of vs2.2 are not kept: a console only shows CPU time.
 */
public record CpuTicks(int cpu, long user, long system, long hold) {
}
