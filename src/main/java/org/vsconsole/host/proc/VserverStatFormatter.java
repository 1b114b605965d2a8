package org.vsconsole.host.proc;

import java.util.Arrays;

/**
 * Prints a {@link StatTable} exactly as util-vserver's {@code vserver-stat} does, quirks included:
 * each row is laid into a space-filled buffer at fixed offsets (so a long process count may overwrite
 * the xid), sizes are shortened with a 1024 divisor but a 1000 threshold, and two-digit time fields
 * keep only the first two digits of longer numbers. Values are treated as unsigned like the C types,
 * so a negative uptime prints {@code INVALID}.
 */
public final class VserverStatFormatter {

    public static final String HEADER = "CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME";

    private static final String[] MEMORY_SUFFIXES = {" ", "K", "M", "G", "T", "+"};
    private static final int NAME_COLUMN = 55;
    private static final int MAX_NAME = 20;
    private static final int MAX_LEGACY_NAME = 18;

    private VserverStatFormatter() {
    }

    /** Header and rows, each line ending with a newline. */
    public static String format(StatTable table) {
        StringBuilder out = new StringBuilder((table.rows().size() + 1) * 80);
        out.append(HEADER).append('\n');
        for (StatRow row : table.rows()) {
            out.append(formatRow(row)).append('\n');
        }
        return out.toString();
    }

    public static String formatRow(StatRow row) {
        char[] line = new char[NAME_COLUMN + MAX_NAME + 2];
        Arrays.fill(line, ' ');
        put(line, 0, Integer.toString(row.xid()));
        String processes = Long.toString(row.processes());
        put(line, Math.max(0, 10 - processes.length()), processes);
        put(line, 10, shortenMem(row.vszBytes()));
        put(line, 17, shortenMem(row.rssBytes()));
        put(line, 24, shortenTime(row.userMillis()));
        put(line, 34, shortenTime(row.systemMillis()));
        put(line, 44, shortenTime(row.uptimeMillis()));
        int end = putName(line, row.name(), row.legacyConfig());
        return new String(line, 0, end);
    }

    /** Seven characters, right-aligned, the last one the unit ({@code ' '} for bytes). */
    public static String shortenMem(long bytes) {
        long value = bytes;
        long fraction = 0;
        String suffix = "+";
        for (String candidate : MEMORY_SUFFIXES) {
            if (Long.compareUnsigned(value, 1000) < 0) {
                suffix = candidate;
                break;
            }
            fraction = 10 * (value & 1023) / 1024;
            value >>>= 10;
        }
        if (Long.compareUnsigned(value, 9999) > 0) {
            value = 9999;
        }
        if (value >= 1000) {
            fraction = 0;
        }
        String number = fraction != 0 ? value + "." + fraction : Long.toString(value);
        return pad(number + suffix, 7);
    }

    /** Ten characters, right-aligned; see reference §3.3 for the formats. */
    public static String shortenTime(long millis) {
        long ms = Long.remainderUnsigned(millis, 1000);
        long t = Long.divideUnsigned(millis, 1000);
        long ss = t % 60;
        t /= 60;
        long mm = t % 60;
        t /= 60;
        long hh = t % 24;
        t /= 24;
        StringBuilder text = new StringBuilder(10);
        if (t > 999L * 999) {
            text.append("INVALID");
        } else if (t > 999) {
            text.append(t / 365).append('y').append(twoDigits(t % 365)).append('d').append(twoDigits(hh));
        } else if (t > 0) {
            text.append(t).append('d').append(twoDigits(hh)).append('h').append(twoDigits(mm));
        } else if (hh > 0) {
            text.append(hh).append('h').append(twoDigits(mm)).append('m').append(twoDigits(ss));
        } else {
            text.append(mm).append('m').append(twoDigits(ss)).append('s').append(twoDigits(ms));
        }
        return pad(text.toString(), 10);
    }

    /** The C helper {@code fillUintZero(…, 2)}: zero-pads to two digits, keeps only the first two. */
    static String twoDigits(long value) {
        String digits = Long.toString(value);
        return digits.length() < 2 ? "0" + digits : digits.substring(0, 2);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    private static void put(char[] line, int at, String text) {
        text.getChars(0, Math.min(text.length(), line.length - at), line, at);
    }

    private static int putName(char[] line, String name, boolean legacy) {
        int at = NAME_COLUMN;
        if (legacy) {
            String kept = name.substring(0, Math.min(name.length(), MAX_LEGACY_NAME));
            line[at++] = '[';
            put(line, at, kept);
            at += kept.length();
            line[at++] = ']';
            return at;
        }
        String kept = name.substring(0, Math.min(name.length(), MAX_NAME));
        put(line, at, kept);
        return at + kept.length();
    }
}
