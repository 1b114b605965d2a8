package org.vsconsole.host.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.ContextFigures;

/**
 * Reads {@code <proc>/virtual} — global files and every context directory — into one immutable
 * {@link ProcSnapshot}. Contexts that vanish while being read are left out with a warning; files
 * with odd content give warnings, never exceptions.
 */
public final class ProcVirtualReader {

    private final Path procRoot;
    private final Path virtualDir;
    private final MachineUnits units;
    private final ContextFiguresMapper mapper;

    /** Reader with {@link MachineUnits#DEFAULT} units. */
    public ProcVirtualReader(Path procRoot) {
        this(procRoot, MachineUnits.DEFAULT);
    }

    /** @param procRoot the folder holding {@code virtual/}, {@code uptime} and the pid folders */
    public ProcVirtualReader(Path procRoot, MachineUnits units) {
        this.procRoot = procRoot;
        this.virtualDir = procRoot.resolve("virtual");
        this.units = units;
        this.mapper = new ContextFiguresMapper(units);
    }

    /** @throws IOException when {@code virtual/} cannot be listed (not a vserver kernel, or hidden) */
    public ProcSnapshot read() throws IOException {
        Warnings warnings = new Warnings("proc");
        ProcFiles files = new ProcFiles();
        VirtualInfo info = parseGlobal(files, virtualDir.resolve("info"), VirtualInfoParser::parse, VirtualInfo.UNKNOWN, warnings);
        VirtualStatus status = parseGlobal(files, virtualDir.resolve("status"), VirtualStatusParser::parse,
                new VirtualStatus(0, 0, List.of(), List.of()), warnings);
        OptionalLong uptime = parseGlobal(files, procRoot.resolve("uptime"), HostUptimeParser::parse, OptionalLong.empty(), warnings);
        List<ContextSnapshot> contexts = new ArrayList<>();
        for (int xid : listContexts()) {
            ContextSnapshot context = readContext(files, xid, uptime, warnings);
            if (context != null) {
                contexts.add(context);
            }
        }
        return new ProcSnapshot(info, status, uptime, units, contexts, warnings.toList());
    }

    private int[] listContexts() throws IOException {
        int[] xids = new int[64];
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(virtualDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (ProcFiles.isAllDigits(name)) {
                    if (count == xids.length) {
                        xids = Arrays.copyOf(xids, count * 2);
                    }
                    xids[count++] = Integer.parseInt(name);
                }
            }
        }
        int[] sorted = Arrays.copyOf(xids, count);
        Arrays.sort(sorted);
        return sorted;
    }

    private @Nullable ContextSnapshot readContext(ProcFiles files, int xid, OptionalLong uptime, Warnings global) {
        Path dir = virtualDir.resolve(Integer.toString(xid));
        Warnings warnings = new Warnings("virtual/" + xid);
        String infoText = files.readQuietly(dir.resolve("info"), warnings);
        String statusText = files.readQuietly(dir.resolve("status"), warnings);
        if (infoText == null && statusText == null) {
            global.add("context " + xid + " vanished while being read");
            return null;
        }
        ContextInfo info = parseOrEmpty(infoText, "info", ContextInfoParser::parse, ContextInfo.EMPTY, warnings);
        ContextStatus status = parseOrEmpty(statusText, "status", ContextStatusParser::parse, ContextStatus.EMPTY, warnings);
        LimitTable limit = parseFile(files, dir, "limit", LimitParser::parse, LimitTable.EMPTY, warnings);
        SchedFigures sched = parseFile(files, dir, "sched", SchedParser::parse, SchedFigures.EMPTY, warnings);
        CvirtFigures cvirt = parseFile(files, dir, "cvirt", CvirtParser::parse, CvirtFigures.EMPTY, warnings);
        CacctFigures cacct = parseFile(files, dir, "cacct", CacctParser::parse, CacctFigures.EMPTY, warnings);
        // nsproxy exists from 2.2 on; its absence is normal, not a warning
        String nsproxyText = files.readQuietly(dir.resolve("nsproxy"), warnings);
        Optional<NsproxyFigures> nsproxy = nsproxyText == null
                ? Optional.empty()
                : Optional.of(parseOrEmpty(nsproxyText, "nsproxy", NsproxyParser::parse, NsproxyFigures.EMPTY, warnings));
        ContextFigures figures = mapper.map(xid, status, limit, sched, cvirt, uptime);
        List<String> contextWarnings = warnings.toList();
        global.addAll(contextWarnings);
        return new ContextSnapshot(xid, info, status, limit, sched, cvirt, cacct, nsproxy, figures, contextWarnings);
    }

    private static <T> T parseFile(ProcFiles files, Path dir, String name, Function<String, Parsed<T>> parser, T empty, Warnings warnings) {
        return parseOrEmpty(files.readQuietly(dir.resolve(name), warnings), name, parser, empty, warnings);
    }

    private static <T> T parseOrEmpty(@Nullable String text, String name, Function<String, Parsed<T>> parser, T empty, Warnings warnings) {
        if (text == null) {
            warnings.add(name + " missing");
            return empty;
        }
        Parsed<T> parsed = parser.apply(text);
        for (String warning : parsed.warnings()) {
            warnings.add(warning);
        }
        return parsed.value();
    }

    private static <T> T parseGlobal(ProcFiles files, Path file, Function<String, Parsed<T>> parser, T empty, Warnings warnings) {
        String text = files.readQuietly(file, warnings);
        if (text == null) {
            warnings.add(file.getFileName() + " missing");
            return empty;
        }
        Parsed<T> parsed = parser.apply(text);
        warnings.addAll(parsed.warnings());
        return parsed.value();
    }
}
