package org.vsconsole.host.vserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.ContextDetails;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.proc.ContextDetailsReader;
import org.vsconsole.host.proc.GuestNames;
import org.vsconsole.host.proc.HostContextReader;
import org.vsconsole.host.proc.MachineUnits;

/**
 * The vserver driver's view of {@code /proc/virtual} beyond the guests' figures: every running
 * context (the last full read reused for half a second, so the sampler's two questions of one tick
 * cost one read), the host as context 0 from the process walk, a guest's dynamic context from its
 * {@code run} file, and one context's details. Without a proc tree (tests of the commands alone)
 * it has only the figures.
 */
final class ProcContexts {

    private static final long REUSE_NANOS = 500_000_000L;

    /** Null without a proc tree. */
    private final @Nullable Path procRoot;
    private final ContextFiguresSource figuresSource;
    /** The host as context 0 changes slowly: its process walk runs at most every few seconds. */
    private final @Nullable HostContextReader hostRow;
    private volatile Recent recent = new Recent(0, Map.of());

    private record Recent(long atNanos, Map<Integer, ContextFigures> all) {
    }

    ProcContexts(@Nullable Path procRoot, ContextFiguresSource figuresSource) {
        this.procRoot = procRoot;
        this.figuresSource = figuresSource;
        this.hostRow = procRoot == null ? null : new HostContextReader(procRoot, MachineUnits.DEFAULT, Duration.ofSeconds(5));
    }

    /** Every running context the source gives, read now. */
    Map<Integer, ContextFigures> all(List<GuestSpec> guests) {
        Map<Integer, ContextFigures> all = figuresSource.read(guests);
        recent = new Recent(System.nanoTime(), all);
        return all;
    }

    /** Contexts none of {@code guests} names, and the host as 0. */
    Map<Integer, ContextFigures> others(List<GuestSpec> guests) {
        var xids = guests.stream().map(GuestSpec::xid).collect(Collectors.toSet());
        Recent last = recent;
        Map<Integer, ContextFigures> all = System.nanoTime() - last.atNanos() < REUSE_NANOS ? last.all() : figuresSource.read(guests);
        Map<Integer, ContextFigures> others = new TreeMap<>();
        all.forEach((xid, f) -> {
            if (!xids.contains(xid)) {
                others.put(xid, f);
            }
        });
        if (hostRow != null) {
            hostRow.vserverHost().ifPresent(f -> others.put(0, f));
        }
        return others;
    }

    /** The {@code run} file's xid, when {@code /proc/virtual} lists that context now (not a stale file). */
    OptionalInt dynamicContext(Path configDir) {
        if (procRoot == null) {
            return OptionalInt.empty();
        }
        OptionalInt xid = GuestNames.runFileXid(configDir);
        if (xid.isPresent() && Files.isDirectory(procRoot.resolve("virtual").resolve(Integer.toString(xid.getAsInt())))) {
            return xid;
        }
        return OptionalInt.empty();
    }

    Optional<ContextDetails> details(GuestSpec guest) {
        return procRoot == null ? Optional.empty() : new ContextDetailsReader(procRoot).read(guest.xid());
    }
}
