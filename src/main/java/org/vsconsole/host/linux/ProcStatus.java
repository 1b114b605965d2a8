package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * From {@code /proc/<pid>/status}: the real uid and the pid inside the innermost PID namespace
 * (last {@code NSpid} field), which is 1 for a guest's init and 0 for a process outside any
 * guest PID namespace.
 */
record ProcStatus(long uid, int guestPid) {

    static Optional<ProcStatus> read(Path procRoot, int pid) {
        try {
            long uid = -1; // unsigned 32 bits: guest ranges reach past 2^31
            int guestPid = 0;
            for (String line : Files.readAllLines(procRoot.resolve(Integer.toString(pid)).resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    uid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                } else if (line.startsWith("NSpid:")) {
                    String[] ids = line.substring(6).trim().split("\\s+");
                    // one field only: a process of the host in the context (not a guest process), no guest pid
                    guestPid = ids.length > 1 ? Integer.parseInt(ids[ids.length - 1]) : 0;
                }
            }
            return Optional.of(new ProcStatus(uid, guestPid));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The command line with NULs as spaces, or the bracketed name for kernel-like processes. */
    static String commandLine(Path procRoot, int pid) {
        Path dir = procRoot.resolve(Integer.toString(pid));
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            if (raw.length > 0) {
                return new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').strip();
            }
            return "[" + Files.readString(dir.resolve("comm")).strip() + "]";
        } catch (IOException e) {
            return "";
        }
    }
}
