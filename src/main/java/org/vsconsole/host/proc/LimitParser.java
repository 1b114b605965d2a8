package org.vsconsole.host.proc;

import java.util.ArrayList;
import java.util.List;
import org.vsconsole.host.LimitValues;

/**
 * Parses {@code /proc/virtual/<xid>/limit} in both layouts. The layout is decided per row by the
 * count of numbers (6 or 4), as the reference advises, so 6-, 13- and 15-row files and unknown
 * row names all read the same way.
 */
public final class LimitParser {

    /** Known row names, reused so a snapshot does not allocate a string per row. */
    private static final String[] KNOWN_ROWS = {
            "PROC", "VM", "VML", "RSS", "ANON", "RMAP", "FILES", "OFD", "LOCKS", "SOCK", "MSGQ", "SHM", "SEMA", "SEMS", "DENT"
    };

    private LimitParser() {
    }

    public static Parsed<LimitTable> parse(String text) {
        Warnings warnings = new Warnings("limit");
        LineScanner lines = new LineScanner(text);
        List<LimitRow> rows = new ArrayList<>(16);
        LimitLayout layout = LimitLayout.UNKNOWN;
        long[] numbers = new long[7];
        while (lines.nextLine()) {
            if (lines.lineStartsWith("Limit") && !lines.hasKey()) {
                continue;
            }
            if (!lines.hasKey()) {
                if (!lines.lineIsBlank()) {
                    lines.warnUnreadable(warnings);
                }
                continue;
            }
            int count = readNumbers(lines, numbers);
            LimitLayout rowLayout = count == 6
                    ? LimitLayout.SIX_COLUMNS
                    : count == 4 ? LimitLayout.FOUR_COLUMNS : LimitLayout.UNKNOWN;
            if (rowLayout == LimitLayout.UNKNOWN) {
                lines.warnUnreadable(warnings);
                continue;
            }
            if (layout == LimitLayout.UNKNOWN) {
                layout = rowLayout;
            } else if (layout != rowLayout) {
                warnings.add("line " + lines.lineNumber() + " has " + count + " numbers, other rows differ; row skipped");
                continue;
            }
            rows.add(toRow(rowName(lines), rowLayout, numbers));
        }
        lines.warnIfTruncated(warnings);
        if (rows.isEmpty()) {
            warnings.add("no limit rows");
        }
        return warnings.result(new LimitTable(layout, rows));
    }

    /** Reads up to 7 numbers; returns how many, or -1 when something else is on the line. */
    private static int readNumbers(LineScanner lines, long[] numbers) {
        int count = 0;
        while (lines.hasMoreValues()) {
            long value = lines.nextLong();
            if (lines.numberMissing() || count == numbers.length) {
                return -1;
            }
            numbers[count++] = lines.numberOverflowed() ? LimitValues.UNLIMITED : value;
        }
        return count;
    }

    private static LimitRow toRow(String name, LimitLayout layout, long[] n) {
        if (layout == LimitLayout.SIX_COLUMNS) {
            return new LimitRow(name, n[0], n[1], n[2], limit(n[3]), limit(n[4]), n[5]);
        }
        long limit = limit(n[2]);
        return new LimitRow(name, n[0], LimitRow.NOT_REPORTED, n[1], limit, limit, n[3]);
    }

    /** Any negative value is the kernel's "infinite" (printed -1, or wrapped from 2^64-1). */
    private static long limit(long value) {
        return value < 0 ? LimitValues.UNLIMITED : value;
    }

    private static String rowName(LineScanner lines) {
        for (String known : KNOWN_ROWS) {
            if (lines.keyIs(known)) {
                return known;
            }
        }
        return lines.key().strip();
    }
}
