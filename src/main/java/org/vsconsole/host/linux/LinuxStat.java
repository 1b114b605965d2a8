package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vsconsole.host.proc.GuestNames;
import org.vsconsole.host.proc.HostContextReader;
import org.vsconsole.host.proc.MachineUnits;
import org.vsconsole.host.proc.StatPath;
import org.vsconsole.host.proc.StatRow;
import org.vsconsole.host.proc.StatTable;

/**
 * The {@code vserver-stat} table of a stock-kernel host, from what the linux driver reads: one
 * row per running context under the console's cgroup parent (PROC = the cgroup's
 * {@code pids.current}, VSZ summed over its processes, RSS = the cgroup's memory, CPU times from its
 * CPU accounting, uptime from its init), names from the guests' {@code context} files, and the host
 * as context 0 ("root server": every process outside those cgroups, as the C tool's process walk
 * counts xid 0). The same figures the dashboard shows for these guests, so the two agree.
 */
public final class LinuxStat {

    private LinuxStat() {
    }

    /**
     * @param cgroupRoot the cgroup mount ({@code /sys/fs/cgroup})
     * @param parent the console's cgroup parent ({@code vsconsole.linux.cgroup-parent})
     * @throws IOException when neither cgroup layout is found under {@code cgroupRoot}
     */
    public static StatTable compute(Path procRoot, Path cgroupRoot, String parent, Path configRoot, MachineUnits units)
            throws IOException {
        if (!parent.matches(LinuxDriverSettings.CGROUP_PARENT)) {
            throw new IllegalArgumentException("cgroup parent: " + LinuxDriverSettings.CGROUP_PARENT_RULE);
        }
        CgroupTree tree = CgroupTree.detect(cgroupRoot, parent).orElseThrow(() -> new IOException("no cgroup hierarchy with"
                + " the pids and memory controllers under " + cgroupRoot));
        List<String> warnings = new ArrayList<>();
        GuestNames names = GuestNames.scan(configRoot);
        names.warnings().forEach(w -> warnings.add("vserver-stat: " + w));
        double uptime = ProcStat.uptimeSeconds(procRoot);
        Set<Integer> contextPids = new HashSet<>();
        List<StatRow> rows = new ArrayList<>();
        for (int xid : tree.contexts()) {
            List<Integer> pids = tree.pids(xid);
            contextPids.addAll(pids);
            if (pids.isEmpty() || !Files.isDirectory(procRoot)) {
                continue;
            }
            Optional<Integer> init = pids.stream().filter(pid -> ProcStatus.read(procRoot, pid)
                    .map(s -> s.guestPid() == 1).orElse(false)).findFirst();
            FiguresReader.Base f = FiguresReader.base(procRoot, tree, xid, pids, init, uptime);
            if (init.isEmpty()) {
                warnings.add("vserver-stat: context " + xid + " has no init process; UPTIME is 0");
            }
            rows.add(new StatRow(xid, f.cgroup().pidsCurrent(), f.vszBytes(), f.cgroup().memoryBytes(), f.cgroup().userMs(),
                    f.cgroup().sysMs(), f.uptimeMs(), names.displayName(xid), false));
        }
        new HostContextReader(procRoot, units).outside(contextPids::contains).ifPresent(h -> rows.add(0,
                new StatRow(0, h.processes(), h.vszBytes(), h.rssBytes(), h.userMs(), h.sysMs(), h.uptimeMs(),
                        names.displayName(0), false)));
        return new StatTable(StatPath.LINUX_CGROUP, rows, warnings);
    }
}
