package org.vsconsole.host.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.ContextFigures;

/**
 * The host as context 0, the row {@code vserver-stat}'s process walk prints as "root server": its
 * processes counted and summed from {@code /proc/<pid>/stat} (VSZ, RSS, user and system time with
 * reaped children), its uptime the host's uptime minus the start of its oldest process. Which
 * processes are the host's is the caller's rule: xid 0 on a Linux-VServer kernel, outside every
 * guest cgroup on a stock one. Processes that end while being read are skipped, as the C tool does.
 */
public final class HostContextReader {

    private final Path procRoot;
    private final MachineUnits units;
    private final long maxAgeNanos;
    private volatile long readAtNanos;
    /** The last walk's answer; null until the first. */
    private volatile @Nullable Optional<ContextFigures> last;

    /** A reader that walks {@code /proc} at every call. */
    public HostContextReader(Path procRoot, MachineUnits units) {
        this(procRoot, units, java.time.Duration.ZERO);
    }

    /**
     * A reader that answers its last walk for {@code maxAge}: the host row changes slowly, and a
     * walk over every process of a busy host at each sampler tick would cost more than reading
     * all the guests' figures.
     */
    public HostContextReader(Path procRoot, MachineUnits units, java.time.Duration maxAge) {
        this.procRoot = procRoot;
        this.units = units;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The last walk's answer while it is young enough, else null. */
    private @Nullable Optional<ContextFigures> recent() {
        Optional<ContextFigures> previous = last;
        return previous != null && System.nanoTime() - readAtNanos < maxAgeNanos ? previous : null;
    }

    private Optional<ContextFigures> remember(Optional<ContextFigures> figures) {
        readAtNanos = System.nanoTime();
        last = figures;
        return figures;
    }

    /** Processes whose xid ({@code vinfo} / {@code VxID:}) is 0. */
    public Optional<ContextFigures> vserverHost() {
        Optional<ContextFigures> recent = recent();
        if (recent != null) {
            return recent;
        }
        return remember(walkVserverHost());
    }

    private Optional<ContextFigures> walkVserverHost() {
        Warnings ignored = new Warnings("host");
        try {
            Totals totals = new Totals();
            for (ProcessSample sample : ProcessWalk.walk(procRoot, units.userHz(), ignored)) {
                if (sample.xid() == 0) {
                    totals.add(sample);
                }
            }
            return totals.figures(hostUptime());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every process for which {@code guestPid} is false: on a stock kernel, those outside the guests' cgroups. */
    public Optional<ContextFigures> outside(IntPredicate guestPid) {
        Optional<ContextFigures> recent = recent();
        if (recent != null) {
            return recent;
        }
        return remember(walkOutside(guestPid));
    }

    private Optional<ContextFigures> walkOutside(IntPredicate guestPid) {
        Totals totals = new Totals();
        ProcFiles files = new ProcFiles();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!ProcFiles.isAllDigits(name)) {
                    continue;
                }
                int pid = Integer.parseInt(name);
                if (guestPid.test(pid)) {
                    continue;
                }
                String stat = files.readQuietly(entry.resolve("stat"), new Warnings("host"));
                ProcessSample sample = stat == null ? null : ProcessStatParser.parse(pid, 0, stat, units.userHz());
                if (sample != null) {
                    totals.add(sample);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return totals.figures(hostUptime());
    }

    private OptionalLong hostUptime() {
        try {
            String text = ProcFiles.readOrNull(procRoot.resolve("uptime"));
            return text == null ? OptionalLong.empty() : HostUptimeParser.parse(text).value();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** Sums as {@code vserver-stat}'s {@code registerXid} keeps them. */
    private final class Totals {

        private int processes;
        private long vszBytes;
        private long rssPages;
        private long userMillis;
        private long systemMillis;
        private long oldestStartMillis = Long.MAX_VALUE;

        void add(ProcessSample sample) {
            processes++;
            vszBytes += sample.vszBytes();
            rssPages += sample.rssPages();
            userMillis += sample.userMillis();
            systemMillis += sample.systemMillis();
            oldestStartMillis = Math.min(oldestStartMillis, sample.startMillis());
        }

        Optional<ContextFigures> figures(OptionalLong hostUptimeMillis) {
            if (processes == 0) {
                return Optional.empty();
            }
            long uptime = hostUptimeMillis.isPresent() ? Math.max(0, hostUptimeMillis.getAsLong() - oldestStartMillis) : 0;
            return Optional.of(new ContextFigures(0, processes, 0, vszBytes, rssPages * units.pageSize(), userMillis,
                    systemMillis, uptime, Map.of()));
        }
    }
}
