package org.vsconsole.monitoring;

import java.util.List;
import java.util.Locale;
import org.vsconsole.base.Formats;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.proc.VserverStatFormatter;
import org.jspecify.annotations.Nullable;

/**
 * One guest's row of the dashboard. Mutable and kept for as long as the guest is shown, with
 * equality on the name only, so the grid keeps its identity (sort, filter, scroll, selection)
 * while {@link #update} changes the figures in place and says whether anything shown changed.
 */
public final class DashboardRow {

    /** What a row stands for: a guest, the host itself (context 0), or a context no guest names. */
    public enum Kind {
        GUEST, HOST, CONTEXT
    }

    /** The first dynamic context id (reference §1.12); below it ids are static. */
    public static final int FIRST_DYNAMIC_XID = 49152;

    private final String name;
    private final Kind kind;
    private int xid;
    private boolean running;
    private int processes;
    private long vszBytes;
    private long rssBytes;
    private long userMs;
    private long sysMs;
    private long uptimeMs;
    private double cpuPercent = Double.NaN;
    private long totalHits;
    private List<String> risingLimits = List.of();
    private Trend trend = Trend.EMPTY;
    private @Nullable String cpuSvg;
    private @Nullable String rssSvg;

    public DashboardRow(String name) {
        this(name, Kind.GUEST);
    }

    /** @param name a guest's name, or a key no guest name can take (it holds a space) */
    public DashboardRow(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Running on a dynamic context (49152+): the kernel picked the id at start (a guest without a
     * static context under util-vserver), so no limit, address or history can follow it.
     */
    public boolean dynamic() {
        return kind != Kind.HOST && running && xid >= FIRST_DYNAMIC_XID;
    }

    /** Copies the guest's figures of this tick; true when something the grid shows changed. */
    public boolean update(GuestLive live, GuestDelta delta) {
        int oldXid = xid;
        boolean oldRunning = running;
        int oldProcesses = processes;
        String oldVsz = Formats.bytes(vszBytes);
        String oldRss = Formats.bytes(rssBytes);
        long oldUser = userMs / 10;
        long oldSys = sysMs / 10;
        long oldUptime = uptimeMs / 10;
        String oldCpu = cpuText(cpuPercent);
        var oldHits = totalHits;
        var oldRising = risingLimits;
        var oldTrend = trend;
        copy(live, delta);
        return oldXid != xid || oldRunning != running || oldProcesses != processes
                || !oldVsz.equals(Formats.bytes(vszBytes)) || !oldRss.equals(Formats.bytes(rssBytes))
                || oldUser != userMs / 10 || oldSys != sysMs / 10 || oldUptime != uptimeMs / 10
                || !oldCpu.equals(cpuText(cpuPercent)) || oldHits != totalHits
                || !java.util.Objects.equals(oldRising, risingLimits) || oldTrend != trend;
    }

    /**
     * Copies the guest's figures of this tick without asking whether they changed: for a row the
     * tick's shared diff already names as changed, so no viewer repeats the comparison.
     */
    public void copy(GuestLive live, GuestDelta delta) {
        ContextFigures f = live.running() ? live.figures() : null;
        int nProcesses = f == null ? 0 : f.processes();
        long nVsz = f == null ? 0 : f.vszBytes();
        long nRss = f == null ? 0 : f.rssBytes();
        long nUser = f == null ? 0 : f.userMs();
        long nSys = f == null ? 0 : f.sysMs();
        long nUptime = f == null ? 0 : f.uptimeMs();
        double nCpu = delta.cpuPercent();
        xid = live.xid();
        running = f != null;
        processes = nProcesses;
        vszBytes = nVsz;
        rssBytes = nRss;
        userMs = nUser;
        sysMs = nSys;
        uptimeMs = nUptime;
        cpuPercent = nCpu;
        totalHits = delta.totalHits();
        risingLimits = delta.risingLimits();
        if (trend != delta.trend()) {
            trend = delta.trend();
            cpuSvg = null;
            rssSvg = null;
        }
    }

    public String name() {
        return name;
    }

    public int xid() {
        return xid;
    }

    public boolean running() {
        return running;
    }

    public int processes() {
        return processes;
    }

    public long vszBytes() {
        return vszBytes;
    }

    public long rssBytes() {
        return rssBytes;
    }

    public long userMs() {
        return userMs;
    }

    public long sysMs() {
        return sysMs;
    }

    public long uptimeMs() {
        return uptimeMs;
    }

    public double cpuPercent() {
        return cpuPercent;
    }

    public long totalHits() {
        return totalHits;
    }

    public List<String> risingLimits() {
        return risingLimits;
    }

    public String processesText() {
        return running ? Integer.toString(processes) : "—";
    }

    public String vszText() {
        return running ? Formats.bytes(vszBytes) : "—";
    }

    public String rssText() {
        return running ? Formats.bytes(rssBytes) : "—";
    }

    public String userText() {
        return running ? VserverStatFormatter.shortenTime(userMs).trim() : "—";
    }

    public String sysText() {
        return running ? VserverStatFormatter.shortenTime(sysMs).trim() : "—";
    }

    public String uptimeText() {
        return running ? VserverStatFormatter.shortenTime(uptimeMs).trim() : "—";
    }

    public String cpuText() {
        return cpuText(cpuPercent);
    }

    /** "limit hit: nproc, rss" when hits rose at this tick, else empty. */
    public String limitHitText() {
        return risingLimits.isEmpty() ? "" : "limit hit: " + String.join(", ", risingLimits);
    }

    static String cpuText(double cpu) {
        return Double.isNaN(cpu) ? "—" : String.format(Locale.ROOT, "%.1f %%", cpu);
    }

    /** The CPU sparkline (0–100 %) of the last minutes, drawn once per trend bucket. */
    public String cpuSvg() {
        if (cpuSvg == null) {
            double[] v = new double[trend.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = trend.cpu(i);
            }
            cpuSvg = Sparkline.svg(v, 100, 60, 18, "CPU of " + name + ", last 5 minutes", "spark spark-cpu");
        }
        return cpuSvg;
    }

    /** The RSS sparkline of the last minutes, scaled to its own maximum. */
    public String rssSvg() {
        if (rssSvg == null) {
            double[] v = new double[trend.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = trend.rss(i);
            }
            rssSvg = Sparkline.svg(v, 0, 60, 18, "RSS of " + name + ", last 5 minutes", "spark spark-rss");
        }
        return rssSvg;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DashboardRow other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "DashboardRow[" + name + "]";
    }
}
