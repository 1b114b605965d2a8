package org.vsconsole.host.proc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Computes the {@code vserver-stat} table from files, choosing the C tool's code path by the
 * kernel's API version ({@link StatPath}). Where the C tool calls a syscall, the same number is
 * taken from its {@code /proc/virtual} twin: {@code rlimit_stat} from the limit rows,
 * {@code sched_info} from the sched per-CPU lines, {@code virt_stat} uptime from cvirt.
 */
public final class VserverStat {

    private final Path procRoot;
    private final Path configRoot;
    private final Optional<Path> cgroupMount;
    private final MachineUnits units;

    /**
     * @param procRoot folder holding {@code virtual/}, {@code uptime} and the pid folders
     * @param configRoot folder holding the guest configurations ({@code /etc/vservers})
     * @param cgroupMount cgroup mount to use instead of util-vserver's lookup (see {@link CgroupLocation})
     */
    public VserverStat(Path procRoot, Path configRoot, Optional<Path> cgroupMount, MachineUnits units) {
        this.procRoot = procRoot;
        this.configRoot = configRoot;
        this.cgroupMount = cgroupMount;
        this.units = units;
    }

    /** @throws IOException when {@code virtual/} or the proc root cannot be listed */
    public StatTable compute() throws IOException {
        ProcSnapshot snapshot = new ProcVirtualReader(procRoot, units).read();
        GuestNames names = GuestNames.scan(configRoot);
        return switch (StatPath.of(snapshot.info())) {
            case CONTEXT_STATISTICS -> fromSnapshot(snapshot, names);
            case PROCESS_WALK -> fromProcessWalk(snapshot, names);
            case CGROUP -> fromCgroups(snapshot, names);
            case LINUX_CGROUP -> throw new IllegalStateException("a /proc/virtual tree never selects the linux layout");
        };
    }

    /**
     * The context-statistics path from an already read snapshot: one row per context that has the
     * PROC, VM and RSS rows (the C tool skips a context whose {@code rlimit_stat} fails).
     */
    public static StatTable fromSnapshot(ProcSnapshot snapshot, GuestNames names) {
        Warnings warnings = new Warnings("vserver-stat");
        warnings.addAll(snapshot.warnings());
        warnings.addAll(names.warnings());
        long pageSize = snapshot.units().pageSize();
        List<StatRow> rows = new ArrayList<>(snapshot.contexts().size());
        for (ContextSnapshot context : snapshot.contexts()) {
            LimitRow proc = null;
            LimitRow vm = null;
            LimitRow rss = null;
            for (LimitRow row : context.limit().rows()) {
                switch (row.name()) {
                    case "PROC" -> proc = row;
                    case "VM" -> vm = row;
                    case "RSS" -> rss = row;
                    default -> {
                    }
                }
            }
            if (proc == null || vm == null || rss == null) {
                warnings.add("context " + context.xid() + " has no PROC/VM/RSS limit rows; left out");
                continue;
            }
            var figures = context.figures();
            rows.add(new StatRow(context.xid(), proc.current(), vm.current() * pageSize, rss.current() * pageSize,
                    figures.userMs(), figures.sysMs(), figures.uptimeMs(), names.displayName(context.xid()), false));
        }
        return new StatTable(StatPath.CONTEXT_STATISTICS, rows, warnings.toList());
    }

    private StatTable fromProcessWalk(ProcSnapshot snapshot, GuestNames names) throws IOException {
        Warnings warnings = new Warnings("vserver-stat");
        warnings.addAll(snapshot.warnings());
        warnings.addAll(names.warnings());
        Map<Integer, ProcessTotals> totals = new TreeMap<>();
        for (ProcessSample sample : ProcessWalk.walk(procRoot, units.userHz(), warnings)) {
            totals.computeIfAbsent(sample.xid(), xid -> new ProcessTotals()).add(sample);
        }
        long uptime = hostUptime(snapshot, warnings);
        List<StatRow> rows = new ArrayList<>(totals.size());
        totals.forEach((xid, total) -> rows.add(new StatRow(xid, total.processes, total.vszBytes,
                total.rssPages * units.pageSize(), total.userMillis, total.systemMillis, uptime - total.oldestStartMillis,
                names.displayName(xid), false)));
        return new StatTable(StatPath.PROCESS_WALK, rows, warnings.toList());
    }

    private StatTable fromCgroups(ProcSnapshot snapshot, GuestNames names) throws IOException {
        Warnings warnings = new Warnings("vserver-stat");
        warnings.addAll(snapshot.warnings());
        warnings.addAll(names.warnings());
        boolean dynamic = snapshot.info().hasDynamicContexts();
        Map<Integer, Long> vszByXid = new TreeMap<>();
        for (ProcessSample sample : ProcessWalk.walk(procRoot, units.userHz(), warnings)) {
            if (isGuestXid(sample.xid(), dynamic)) {
                vszByXid.merge(sample.xid(), sample.vszBytes(), Long::sum);
            }
        }
        CgroupLocation location = CgroupLocation.resolve(configRoot, cgroupMount);
        List<StatRow> rows = new ArrayList<>(vszByXid.size());
        vszByXid.forEach((xid, vsz) -> {
            StatRow row = cgroupRow(snapshot, names, location, xid, vsz, warnings);
            if (row != null) {
                rows.add(row);
            }
        });
        return new StatTable(StatPath.CGROUP, rows, warnings.toList());
    }

    private @Nullable StatRow cgroupRow(ProcSnapshot snapshot, GuestNames names, CgroupLocation location, int xid, long vsz,
            Warnings warnings) {
        Optional<ContextSnapshot> found = snapshot.context(xid);
        Optional<LimitRow> proc = found.flatMap(c -> c.limit().row("PROC"));
        if (found.isEmpty() || proc.isEmpty()) {
            warnings.add("context " + xid + " has processes but no /proc/virtual entry with a PROC row; left out");
            return null;
        }
        ContextSnapshot context = found.get();
        long rssPages = 0;
        long userMillis = context.figures().userMs();
        long systemMillis = context.figures().sysMs();
        Optional<GuestConfig> guest = names.byXid(xid);
        if (guest.isEmpty()) {
            warnings.add("context " + xid + " matches no configuration; no cgroup figures");
        } else {
            String group = CgroupLocation.groupName(guest.get().directory());
            // the C tool divides by a fixed 4096 and multiplies by the page size when printing
            rssPages = CgroupFigures.residentBytes(location.file("memory", group, "memory.stat"), warnings).orElse(0) / 4096;
            long[] ticks = CgroupFigures.cpuTicks(location.file("cpuacct", group, "cpuacct.stat"), warnings);
            if (ticks != null) {
                userMillis = ticks[0] * 1000 / units.userHz();
                systemMillis = ticks[1] * 1000 / units.userHz();
            }
        }
        return new StatRow(xid, proc.get().current(), vsz, rssPages * units.pageSize(), userMillis, systemMillis,
                context.figures().uptimeMs(), names.displayName(xid), false);
    }

    /** util-vserver's {@code vc_getXIDType} static or dynamic; 0, 1 and out-of-range ids are not guests. */
    static boolean isGuestXid(int xid, boolean dynamicContexts) {
        return xid >= 2 && xid <= (dynamicContexts ? 65534 : 65535);
    }

    private static long hostUptime(ProcSnapshot snapshot, Warnings warnings) {
        OptionalLong uptime = snapshot.hostUptimeMillis();
        if (uptime.isEmpty()) {
            warnings.add("host uptime unknown; UPTIME column is INVALID");
        }
        return uptime.orElse(0);
    }

    /** Per-xid sums of the process walk, as the C tool's {@code registerXid} keeps them. */
    private static final class ProcessTotals {

        long processes;
        long vszBytes;
        long rssPages;
        long userMillis;
        long systemMillis;
        long oldestStartMillis = Long.MAX_VALUE;

        void add(ProcessSample sample) {
            processes++;
            vszBytes += sample.vszBytes();
            rssPages += sample.rssPages();
            userMillis += sample.userMillis();
            systemMillis += sample.systemMillis();
            oldestStartMillis = Math.min(oldestStartMillis, sample.startMillis());
        }
    }
}
