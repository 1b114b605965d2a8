package org.vsconsole.host.proc;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ContextFigures.LimitFigure;

/**
 * Sums up one context's parsed files into {@link ContextFigures}, taking each number where
 * {@code vserver-stat}'s syscall path takes it: processes from the PROC limit row (falling back to
 * the status task count), memory from the VM and RSS rows, CPU time from the sched lines, uptime
 * from cvirt's bias against the host uptime.
 */
final class ContextFiguresMapper {

    private final MachineUnits units;

    ContextFiguresMapper(MachineUnits units) {
        this.units = units;
    }

    ContextFigures map(int xid, ContextStatus status, LimitTable limit, SchedFigures sched, CvirtFigures cvirt,
            OptionalLong hostUptimeMillis) {
        long processes = status.tasks();
        long vszPages = 0;
        long rssPages = 0;
        Map<String, LimitFigure> limits = HashMap.newHashMap(limit.rows().size());
        for (LimitRow row : limit.rows()) {
            switch (row.name()) {
                case "PROC" -> processes = row.current();
                case "VM" -> vszPages = row.current();
                case "RSS" -> rssPages = row.current();
                default -> {
                }
            }
            limits.put(LimitNames.utilVserverName(row.name()),
                    new LimitFigure(row.current(), row.minimum(), row.maximum(), row.soft(), row.hard(), row.hits()));
        }
        return new ContextFigures(
                xid,
                (int) processes,
                (int) cvirt.threads(),
                vszPages * units.pageSize(),
                rssPages * units.pageSize(),
                sched.userMillis(units.kernelHz()),
                sched.systemMillis(units.kernelHz()),
                uptimeMillis(cvirt, hostUptimeMillis),
                limits);
    }

    static long uptimeMillis(CvirtFigures cvirt, OptionalLong hostUptimeMillis) {
        if (hostUptimeMillis.isEmpty()) {
            return 0;
        }
        return Math.max(0, hostUptimeMillis.getAsLong() - cvirt.biasUptimeHundredths() * 10);
    }
}
