package org.vsconsole.host.linux;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ContextFigures.LimitFigure;
import org.vsconsole.host.LimitValues;

/** One context's figures from its cgroup files and the {@code /proc} entries of its processes. */
final class FiguresReader {

    private FiguresReader() {
    }

    /** What every reader of a context takes: its cgroup's figures, its processes' VSZ and threads, its uptime. */
    record Base(CgroupFigures cgroup, long vszBytes, int threads, long uptimeMs) {
    }

    /** The figures {@code vserver-stat} needs of one context; the init's start gives the uptime (0 without an init). */
    static Base base(java.nio.file.Path proc, CgroupTree tree, int xid, List<Integer> pids, Optional<Integer> init,
            double uptimeSeconds) throws IOException {
        CgroupFigures cg = tree.figures(xid);
        long vsz = 0;
        int threads = 0;
        for (int pid : pids) {
            Optional<ProcStat> stat = ProcStat.read(proc, pid);
            if (stat.isPresent()) {
                vsz += stat.get().vszBytes();
                threads += stat.get().threads();
            }
        }
        long uptimeMs = init.flatMap(pid -> ProcStat.read(proc, pid))
                .map(s -> Math.max(0, (long) (uptimeSeconds * 1000) - s.startTicks() * ProcStat.MS_PER_TICK))
                .orElse(0L);
        return new Base(cg, vsz, threads, uptimeMs);
    }

    static Optional<ContextFigures> read(java.nio.file.Path proc, CgroupTree tree, int xid, List<Integer> pids,
            Optional<Integer> init, double uptimeSeconds) throws IOException {
        if (!tree.exists(xid)) {
            return Optional.empty(); // stopped between listing and reading
        }
        Base base = base(proc, tree, xid, pids, init, uptimeSeconds);
        CgroupFigures cg = base.cgroup();
        long vsz = base.vszBytes();
        int threads = base.threads();
        long uptimeMs = base.uptimeMs();
        long page = Rlimits.PAGE_SIZE;
        Map<String, LimitFigure> limits = new HashMap<>();
        limits.put("nproc", new LimitFigure(cg.pidsCurrent(), 0, Math.max(cg.pidsCurrent(), cg.pidsPeak()),
                cg.pidsMax(), cg.pidsMax(),
                cg.pidsRefused()));
        long rssLimit = cg.memoryLimitBytes() == LimitValues.UNLIMITED ? LimitValues.UNLIMITED : cg.memoryLimitBytes() / page;
        limits.put("rss", new LimitFigure(cg.memoryBytes() / page, 0, cg.memoryPeakBytes() / page, rssLimit, rssLimit,
                cg.memoryHits()));
        if (init.isPresent()) {
            for (String name : Rlimits.names()) {
                try {
                    LimitValues values = Rlimits.read(init.get(), name);
                    long current = name.equals("as") ? vsz / page : 0;
                    limits.put(name, new LimitFigure(current, 0, current, values.soft(), values.hard(), 0));
                } catch (com.sun.jna.LastErrorException e) {
                    // init ended meanwhile: the context is going away
                }
            }
        }
        return Optional.of(new ContextFigures(xid, (int) cg.pidsCurrent(), threads, vsz, cg.memoryBytes(),
                cg.userMs(), cg.sysMs(), uptimeMs, limits));
    }
}
