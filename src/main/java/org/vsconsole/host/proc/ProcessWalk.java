package org.vsconsole.host.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code /proc/<pid>} walk of {@code vserver-stat}'s older code paths. Processes that end while
 * being read are skipped silently, as the C tool does.
 */
final class ProcessWalk {

    private ProcessWalk() {
    }

    static List<ProcessSample> walk(Path procRoot, int userHz, Warnings warnings) throws IOException {
        List<ProcessSample> samples = new ArrayList<>();
        ProcFiles files = new ProcFiles();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!ProcFiles.isAllDigits(name)) {
                    continue;
                }
                ProcessSample sample = sample(files, entry, Integer.parseInt(name), userHz, warnings);
                if (sample != null) {
                    samples.add(sample);
                }
            }
        }
        return samples;
    }

    private static @Nullable ProcessSample sample(ProcFiles files, Path dir, int pid, int userHz, Warnings warnings) {
        String vinfo = files.readQuietly(dir.resolve("vinfo"), warnings);
        int xid = vinfo == null ? -1 : ProcessStatParser.xidOf(vinfo);
        if (xid < 0) {
            String status = files.readQuietly(dir.resolve("status"), warnings);
            xid = status == null ? -1 : ProcessStatParser.xidOf(status);
        }
        if (xid < 0) {
            return null;
        }
        String stat = files.readQuietly(dir.resolve("stat"), warnings);
        if (stat == null) {
            return null;
        }
        ProcessSample sample = ProcessStatParser.parse(pid, xid, stat, userHz);
        if (sample == null) {
            warnings.add("/proc/" + pid + "/stat not understood");
        }
        return sample;
    }
}
