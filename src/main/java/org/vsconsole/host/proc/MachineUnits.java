package org.vsconsole.host.proc;

/**
 * Units the proc files leave implicit. They cannot be read from {@code /proc} itself, so the
 * caller supplies them (the host's {@code getconf PAGESIZE}, {@code CLK_TCK} and kernel HZ).
 *
 * @param pageSize bytes per page for limit rows and {@code /proc/<pid>/stat} rss
 * @param userHz USER_HZ: ticks per second of {@code /proc/<pid>/stat} and {@code cpuacct.stat}
 * @param kernelHz HZ: ticks per second of the per-CPU lines of {@code /proc/virtual/<xid>/sched}
 */
public record MachineUnits(long pageSize, int userHz, int kernelHz) {

    /** x86 defaults: 4 KiB pages, USER_HZ 100; HZ 100 as well (override for HZ 250/300/1000 kernels). */
    public static final MachineUnits DEFAULT = new MachineUnits(4096, 100, 100);

    public MachineUnits {
        if (pageSize <= 0 || userHz <= 0 || kernelHz <= 0) {
            throw new IllegalArgumentException("page size and tick rates must be positive");
        }
    }
}
