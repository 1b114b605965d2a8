package org.vsconsole.host.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Parses {@code /proc/virtual/<xid>/status} of every generation. */
public final class ContextStatusParser {

    private ContextStatusParser() {
    }

    public static Parsed<ContextStatus> parse(String text) {
        Warnings warnings = new Warnings("status");
        LineScanner lines = new LineScanner(text);
        long useCount = 0;
        long tasks = 0;
        boolean tasksSeen = false;
        long flags = 0;
        long bcaps = 0;
        long ccaps = 0;
        OptionalLong umask = OptionalLong.empty();
        OptionalLong wmask = OptionalLong.empty();
        List<Long> spaces = List.of();
        OptionalLong ticks = OptionalLong.empty();
        while (lines.nextLine()) {
            if (lines.keyIs("UseCnt")) {
                useCount = lines.nextLong();
            } else if (lines.keyIs("Tasks")) {
                tasks = lines.nextLong();
                tasksSeen = !lines.numberMissing();
            } else if (lines.keyIs("Flags")) {
                flags = hex(lines, warnings, "Flags");
            } else if (lines.keyIs("BCaps")) {
                // late 2.3 prints one %08x per capability word, high word first and unseparated,
                // which reads as the same 16-digit pattern as the older %016llx
                bcaps = hex(lines, warnings, "BCaps");
            } else if (lines.keyIs("CCaps")) {
                ccaps = hex(lines, warnings, "CCaps");
            } else if (lines.keyIs("Umask")) {
                umask = OptionalLong.of(hex(lines, warnings, "Umask"));
            } else if (lines.keyIs("Wmask")) {
                wmask = OptionalLong.of(hex(lines, warnings, "Wmask"));
            } else if (lines.keyIs("Spaces")) {
                spaces = hexWords(lines);
            } else if (lines.keyIs("Ticks")) {
                long value = lines.nextLong();
                if (!lines.numberMissing()) {
                    ticks = OptionalLong.of(value);
                }
            } else if (!lines.hasKey() && !lines.lineIsBlank()) {
                lines.warnUnreadable(warnings);
            }
        }
        lines.warnIfTruncated(warnings);
        if (!tasksSeen) {
            warnings.add("no Tasks line");
        }
        return warnings.result(new ContextStatus(useCount, tasks, flags, bcaps, ccaps, umask, wmask, spaces, ticks));
    }

    private static long hex(LineScanner lines, Warnings warnings, String key) {
        long value = lines.nextHex();
        if (lines.numberMissing() || lines.numberOverflowed()) {
            warnings.add(key + " is not a 64-bit hex value");
        }
        return value;
    }

    private static List<Long> hexWords(LineScanner lines) {
        List<Long> words = new ArrayList<>(2);
        while (lines.hasMoreValues()) {
            long word = lines.nextHex();
            if (lines.numberMissing()) {
                break;
            }
            words.add(word);
        }
        return words;
    }
}
