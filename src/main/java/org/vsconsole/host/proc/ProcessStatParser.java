package org.vsconsole.host.proc;

import org.jspecify.annotations.Nullable;

/**
 * Reads the fields {@code vserver-stat} needs from {@code /proc/<pid>/stat} and the process's xid
 * from {@code /proc/<pid>/vinfo} ({@code XID:}) or {@code status} ({@code VxID:}) — the file
 * equivalents of the {@code task_xid} syscall.
 */
public final class ProcessStatParser {

    private static final int FIRST_FIELD_AFTER_COMM = 3;
    private static final int UTIME = 14;
    private static final int STARTTIME = 22;

    private ProcessStatParser() {
    }

    /** @return null when the text is not a stat line (process ended mid-read, junk) */
    public static @Nullable ProcessSample parse(int pid, int xid, String stat, int userHz) {
        // the command name may itself contain ')' and spaces; the last ')' closes it
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        long[] fields = new long[STARTTIME + 3];
        int field = FIRST_FIELD_AFTER_COMM;
        int at = close + 1;
        int length = stat.length();
        while (field < fields.length) {
            while (at < length && stat.charAt(at) == ' ') {
                at++;
            }
            if (at >= length || stat.charAt(at) == '\n') {
                return null;
            }
            boolean negative = stat.charAt(at) == '-';
            if (negative) {
                at++;
            }
            long value = 0;
            while (at < length && stat.charAt(at) > ' ') {
                int digit = stat.charAt(at) - '0';
                if (digit >= 0 && digit <= 9 && value < Long.MAX_VALUE / 10) {
                    value = value * 10 + digit;
                }
                at++;
            }
            fields[field++] = negative ? -value : value;
        }
        return new ProcessSample(pid, xid,
                fields[STARTTIME + 1],
                fields[STARTTIME + 2],
                millis(fields[UTIME], userHz) + millis(fields[UTIME + 2], userHz),
                millis(fields[UTIME + 1], userHz) + millis(fields[UTIME + 3], userHz),
                millis(fields[STARTTIME], userHz));
    }

    /** @return the xid from a vinfo ({@code XID:}) or status ({@code VxID:}) text, or -1 */
    public static int xidOf(String text) {
        LineScanner lines = new LineScanner(text);
        while (lines.nextLine()) {
            if (lines.keyIs("XID") || lines.keyIs("VxID")) {
                long xid = lines.nextLong();
                return lines.numberMissing() || xid < 0 || xid > Integer.MAX_VALUE ? -1 : (int) xid;
            }
        }
        return -1;
    }

    private static long millis(long ticks, int hz) {
        return ticks * 1000 / hz;
    }
}
