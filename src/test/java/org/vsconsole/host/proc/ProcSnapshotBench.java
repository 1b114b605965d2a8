package org.vsconsole.host.proc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints how long a full snapshot of 1000 contexts takes (every file parsed, figures mapped, names
 * resolved, vserver-stat table built and formatted) against the floor of merely reading the same
 * files' bytes. Figures only, no assertions on time. It takes a minute on a busy machine, so it runs
 * only on purpose: {@code -Dtest=ProcSnapshotBench -Dvsconsole.bench=true} (a package-wide
 * {@code -Dtest} pattern would otherwise pick it up too).
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
class ProcSnapshotBench {

    private static final int CONTEXTS = 1000;
    private static final int WARMUP = 5;
    private static final int RUNS = 20;

    @Test
    void snapshotOfThousandContexts(@TempDir Path temp) throws IOException {
        Path proc = temp.resolve("proc");
        Path config = temp.resolve("config");
        ThousandContexts.generate(proc, config, CONTEXTS);
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(proc.resolve("virtual")), Files.walk(config))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        files = new ArrayList<>(files);
        files.add(proc.resolve("uptime"));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] snapshotWall = new long[RUNS];
        long[] snapshotCpu = new long[RUNS];
        long[] floorWall = new long[RUNS];
        long[] floorCpu = new long[RUNS];
        long[] readerCpu = new long[RUNS];
        long[] namesCpu = new long[RUNS];
        long checksum = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            checksum += readAll(files);
            long floorCpuTime = threads.getCurrentThreadCpuTime() - cpu;
            long floorWallTime = System.nanoTime() - wall;

            wall = System.nanoTime();
            cpu = threads.getCurrentThreadCpuTime();
            ProcSnapshot taken = new ProcVirtualReader(proc, MachineUnits.DEFAULT).read();
            long afterReader = threads.getCurrentThreadCpuTime();
            GuestNames names = GuestNames.scan(config);
            long afterNames = threads.getCurrentThreadCpuTime();
            StatTable table = VserverStat.fromSnapshot(taken, names);
            checksum += VserverStatFormatter.format(table).length();
            long snapshotCpuTime = threads.getCurrentThreadCpuTime() - cpu;
            long snapshotWallTime = System.nanoTime() - wall;
            if (taken.contexts().size() != CONTEXTS || table.rows().size() != CONTEXTS || !table.warnings().isEmpty()) {
                throw new IllegalStateException("bench tree not read completely: " + table.warnings());
            }
            if (i >= WARMUP) {
                int run = i - WARMUP;
                floorWall[run] = floorWallTime;
                floorCpu[run] = floorCpuTime;
                snapshotWall[run] = snapshotWallTime;
                snapshotCpu[run] = snapshotCpuTime;
                readerCpu[run] = afterReader - cpu;
                namesCpu[run] = afterNames - afterReader;
            }
        }
        long[] parseOnly = parseOnly(proc);
        System.out.printf("ProcSnapshotBench: %d contexts, %d files, median of %d runs after %d warm-up (checksum %d)%n",
                CONTEXTS, files.size(), RUNS, WARMUP, checksum);
        System.out.printf("                               wall ms    cpu ms%n");
        System.out.printf("  full snapshot + stat table:  %8.2f  %8.2f  (%.0f us cpu per context)%n",
                ms(snapshotWall), ms(snapshotCpu), ms(snapshotCpu) * 1000 / CONTEXTS);
        System.out.printf("  reading the same bytes:      %8.2f  %8.2f%n", ms(floorWall), ms(floorCpu));
        System.out.printf("  ratio snapshot / floor:      %8.2f  %8.2f%n", ms(snapshotWall) / ms(floorWall),
                ms(snapshotCpu) / ms(floorCpu));
        System.out.printf("  cpu split: /proc/virtual read+parse %.2f ms, config names %.2f ms%n", ms(readerCpu), ms(namesCpu));
        System.out.printf("  limit+sched+cvirt+cacct parsing alone (texts in memory): %.2f ms%n", ms(parseOnly));
    }

    private static double ms(long[] nanos) {
        return median(nanos) / 1e6;
    }

    /** The floor: open, one read into a reused buffer, close; no decoding, no parsing. */
    private static long readAll(List<Path> files) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long bytes = 0;
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                buffer.clear();
                int count;
                while ((count = channel.read(buffer)) > 0) {
                    bytes += count;
                    buffer.clear();
                }
            }
        }
        return bytes;
    }

    /** Parses the limit, sched and cvirt texts already in memory, to separate CPU cost from I/O. */
    private static long[] parseOnly(Path proc) throws IOException {
        List<String[]> texts = new ArrayList<>(CONTEXTS);
        for (int c = 0; c < CONTEXTS; c++) {
            Path dir = proc.resolve("virtual/" + (40000 + c));
            texts.add(new String[]{Files.readString(dir.resolve("limit")), Files.readString(dir.resolve("sched")),
                    Files.readString(dir.resolve("cvirt")), Files.readString(dir.resolve("cacct"))});
        }
        long[] times = new long[RUNS];
        long sink = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long start = System.nanoTime();
            for (String[] text : texts) {
                sink += LimitParser.parse(text[0]).value().rows().size();
                sink += SchedParser.parse(text[1]).value().cpus().size();
                sink += CvirtParser.parse(text[2]).value().threads();
                sink += CacctParser.parse(text[3]).value().families().size();
            }
            if (i >= WARMUP) {
                times[i - WARMUP] = System.nanoTime() - start;
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return times;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
