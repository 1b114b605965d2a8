package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the driver uses. The command name may hold spaces and
 * parentheses, so fields are counted from the last {@code ')'}.
 *
 * @param startTicks start time in USER_HZ ticks after boot
 */
record ProcStat(int pid, long userTicks, long sysTicks, int threads, long startTicks, long vszBytes, long rssPages) {

    /** /proc and cpuacct.stat count USER_HZ ticks, 100 per second on every Linux ABI. */
    static final long MS_PER_TICK = 10;

    /** Empty when the process is gone: processes come and go while they are being counted. */
    static Optional<ProcStat> read(Path procRoot, int pid) {
        String text;
        try {
            text = Files.readString(procRoot.resolve(Integer.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            return Optional.empty();
        }
        // after ")": state is field 3, so index i holds field i + 3
        String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
        return Optional.of(new ProcStat(pid,
                Long.parseLong(f[11]), Long.parseLong(f[12]), Integer.parseInt(f[17]),
                Long.parseLong(f[19]), Long.parseLong(f[20]), Long.parseLong(f[21])));
    }

    /** Seconds since boot, as {@code /proc/uptime} says. */
    static double uptimeSeconds(Path procRoot) throws IOException {
        return Double.parseDouble(Files.readString(procRoot.resolve("uptime")).split(" ")[0]);
    }
}
