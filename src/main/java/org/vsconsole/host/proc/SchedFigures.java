package org.vsconsole.host.proc;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code /proc/virtual/<xid>/sched}. */
public record SchedFigures(SchedLayout layout, OptionalLong prioBias, Optional<TokenBucket> bucket, List<CpuTicks> cpus) {

    public static final SchedFigures EMPTY = new SchedFigures(SchedLayout.UNKNOWN, OptionalLong.empty(), Optional.empty(), List.of());

    public SchedFigures {
        cpus = List.copyOf(cpus);
    }

    /**
     * User time summed over CPUs in milliseconds, each CPU converted on its own like the kernel's
     * {@code sched_info} syscall that {@code vserver-stat} sums.
     */
    public long userMillis(int kernelHz) {
        long sum = 0;
        for (CpuTicks cpu : cpus) {
            sum += cpu.user() * 1000 / kernelHz;
        }
        return sum;
    }

    public long systemMillis(int kernelHz) {
        long sum = 0;
        for (CpuTicks cpu : cpus) {
            sum += cpu.system() * 1000 / kernelHz;
        }
        return sum;
    }
}
