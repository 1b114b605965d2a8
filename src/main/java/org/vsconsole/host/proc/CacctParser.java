package org.vsconsole.host.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Parses {@code /proc/virtual/<xid>/cacct}. The slab and page lines after the family rows are
 * allocator debugging output and are skipped.
 */
public final class CacctParser {

    private static final String[] KNOWN_FAMILIES = {"UNSPEC", "UNIX", "INET", "INET6", "PACKET", "OTHER"};

    private CacctParser() {
    }

    public static Parsed<CacctFigures> parse(String text) {
        Warnings warnings = new Warnings("cacct");
        LineScanner lines = new LineScanner(text);
        List<SocketTraffic> families = new ArrayList<>(6);
        OptionalLong forks = OptionalLong.empty();
        long[] n = new long[6];
        while (lines.nextLine()) {
            if (lines.lineIsBlank() || (lines.lineStartsWith("Type") && !lines.hasKey())) {
                continue;
            }
            if (lines.keyIs("forks")) {
                long value = lines.nextLong();
                forks = lines.numberMissing() ? OptionalLong.empty() : OptionalLong.of(value);
            } else if (lines.keyIs("slab") || lines.lineStartsWith("page[")) {
                continue;
            } else if (lines.hasKey()) {
                if (readSix(lines, n)) {
                    families.add(new SocketTraffic(familyName(lines), n[0], n[1], n[2], n[3], n[4], n[5]));
                } else {
                    lines.warnUnreadable(warnings);
                }
            } else {
                lines.warnUnreadable(warnings);
            }
        }
        lines.warnIfTruncated(warnings);
        if (families.isEmpty()) {
            warnings.add("no socket family rows");
        }
        return warnings.result(new CacctFigures(families, forks));
    }

    private static boolean readSix(LineScanner lines, long[] n) {
        for (int i = 0; i < 6; i++) {
            n[i] = lines.nextLong();
            if (lines.numberMissing()) {
                return false;
            }
        }
        return !lines.hasMoreValues();
    }

    private static String familyName(LineScanner lines) {
        for (String known : KNOWN_FAMILIES) {
            if (lines.keyIs(known)) {
                return known;
            }
        }
        return lines.key().strip();
    }
}
