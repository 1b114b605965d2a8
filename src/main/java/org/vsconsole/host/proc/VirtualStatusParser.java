package org.vsconsole.host.proc;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code /proc/virtual/status} (and {@code /proc/virtnet/status}). */
public final class VirtualStatusParser {

    private VirtualStatusParser() {
    }

    public static Parsed<VirtualStatus> parse(String text) {
        Warnings warnings = new Warnings("virtual/status");
        LineScanner lines = new LineScanner(text);
        long total = 0;
        long active = 0;
        boolean activeSeen = false;
        List<Long> nsProxy = List.of();
        List<Long> initTask = List.of();
        while (lines.nextLine()) {
            if (lines.keyIs("#CTotal")) {
                total = lines.nextLong();
            } else if (lines.keyIs("#CActive")) {
                active = lines.nextLong();
                activeSeen = !lines.numberMissing();
            } else if (lines.keyIs("#NSProxy")) {
                nsProxy = numbers(lines);
            } else if (lines.keyIs("#InitTask")) {
                initTask = numbers(lines);
            } else if (!lines.hasKey() && !lines.lineIsBlank()) {
                lines.warnUnreadable(warnings);
            }
        }
        lines.warnIfTruncated(warnings);
        if (!activeSeen) {
            warnings.add("no #CActive line");
        }
        return warnings.result(new VirtualStatus(total, active, nsProxy, initTask));
    }

    static List<Long> numbers(LineScanner lines) {
        List<Long> values = new ArrayList<>(8);
        while (lines.hasMoreValues()) {
            long value = lines.nextLong();
            if (lines.numberMissing()) {
                break;
            }
            values.add(value);
        }
        return values;
    }
}
