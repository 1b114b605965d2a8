package org.vsconsole.host.proc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.ContextDetails;

/**
 * Reads one context's {@code /proc/virtual/<xid>/} files for the details panel: each file once,
 * kept raw and parsed with this package's parsers. A file the kernel generation lacks is left out;
 * the context counts as running when its {@code status} or {@code info} file exists.
 */
public final class ContextDetailsReader {

    /** The files of a context directory, in the order the reference lists them. */
    static final List<String> FILES = List.of("info", "status", "limit", "sched", "cvirt", "cacct", "nsproxy", "nsproxy1");

    private final Path procRoot;

    public ContextDetailsReader(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** Empty when the context does not exist (stopped, or vanished while being read). */
    public Optional<ContextDetails> read(int xid) {
        Path dir = procRoot.resolve("virtual").resolve(Integer.toString(xid));
        ProcFiles files = new ProcFiles();
        Warnings warnings = new Warnings("virtual/" + xid);
        Map<String, String> raw = new LinkedHashMap<>();
        for (String name : FILES) {
            String text = files.readQuietly(dir.resolve(name), warnings);
            if (text != null) {
                raw.put(name, text);
            }
        }
        if (!raw.containsKey("status") && !raw.containsKey("info")) {
            return Optional.empty();
        }
        OptionalLong uptime = hostUptime(files, warnings);
        List<String> unavailable = new ArrayList<>();
        ContextDetails.Cvirt cvirt = null;
        if (raw.containsKey("cvirt")) {
            CvirtFigures c = CvirtParser.parse(raw.get("cvirt")).value();
            Optional<UtsNames> uts = c.uts().or(() -> Optional.ofNullable(raw.get("nsproxy"))
                    .flatMap(t -> NsproxyParser.parse(t).value().uts()));
            cvirt = cvirt(c, uts.orElse(null), uptime.isPresent() ? ContextFiguresMapper.uptimeMillis(c, uptime) : null);
            if (uts.isEmpty()) {
                unavailable.add("Host name and kernel release: this kernel shows them in neither cvirt nor nsproxy.");
            }
        } else {
            unavailable.add("cvirt: the file is missing.");
        }
        ContextDetails.Sched sched = raw.containsKey("sched") ? sched(SchedParser.parse(raw.get("sched")).value()) : null;
        List<ContextDetails.Sockets> sockets = raw.containsKey("cacct") ? sockets(CacctParser.parse(raw.get("cacct")).value()) : null;
        ContextDetails.Status status = raw.containsKey("status") ? status(ContextStatusParser.parse(raw.get("status")).value()) : null;
        return Optional.of(new ContextDetails(xid, "/proc/virtual/" + xid, cvirt, sched, sockets, status, raw, unavailable));
    }

    private OptionalLong hostUptime(ProcFiles files, Warnings warnings) {
        String text = files.readQuietly(procRoot.resolve("uptime"), warnings);
        return text == null ? OptionalLong.empty() : HostUptimeParser.parse(text).value();
    }

    static ContextDetails.Cvirt cvirt(CvirtFigures c, @Nullable UtsNames uts, @Nullable Long uptimeMs) {
        LoadAverage load = c.load();
        return new ContextDetails.Cvirt(load.oneMinute() / 100.0, load.fiveMinutes() / 100.0, load.fifteenMinutes() / 100.0,
                c.threads(), c.running(), c.uninterruptible(), c.onHold(), c.loadUpdates(), c.totalForks(), uptimeMs,
                uts == null ? null : uts.nodeName(), uts == null ? null : uts.domainName(),
                uts == null ? null : uts.sysName(), uts == null ? null : uts.release(),
                uts == null ? null : uts.version(), uts == null ? null : uts.machine());
    }

    static ContextDetails.Sched sched(SchedFigures s) {
        Optional<TokenBucket> b = s.bucket();
        long hold = 0;
        List<ContextDetails.CpuTicks> cpus = new ArrayList<>(s.cpus().size());
        for (CpuTicks cpu : s.cpus()) {
            hold += cpu.hold();
            cpus.add(new ContextDetails.CpuTicks(cpu.cpu(), cpu.user(), cpu.system(), cpu.hold()));
        }
        return new ContextDetails.Sched(
                b.flatMap(t -> boxed(t.tokens())).orElse(null),
                b.map(TokenBucket::fillRate).orElse(null),
                b.map(TokenBucket::interval).orElse(null),
                b.flatMap(t -> boxed(t.idleFillRate())).orElse(null),
                b.flatMap(t -> boxed(t.idleInterval())).orElse(null),
                b.map(TokenBucket::tokensMin).orElse(null),
                b.map(TokenBucket::tokensMax).orElse(null),
                boxed(s.prioBias()).orElse(null),
                b.flatMap(t -> boxed(t.vavavoom())).orElse(null),
                hold, cpus);
    }

    static List<ContextDetails.Sockets> sockets(CacctFigures c) {
        return c.families().stream().map(f -> new ContextDetails.Sockets(f.family(), f.receivedCount(), f.receivedBytes(),
                f.sentCount(), f.sentBytes(), f.failedCount(), f.failedBytes())).toList();
    }

    static ContextDetails.Status status(ContextStatus s) {
        return new ContextDetails.Status(s.useCount(), s.tasks(), hex(s.flags()), hex(s.systemCapabilities()),
                hex(s.contextCapabilities()));
    }

    private static String hex(long word) {
        return String.format(Locale.ROOT, "%016x", word);
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }
}
