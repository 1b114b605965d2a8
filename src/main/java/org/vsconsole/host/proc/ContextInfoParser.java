package org.vsconsole.host.proc;

import java.util.OptionalLong;

/** Parses {@code /proc/virtual/<xid>/info}. */
public final class ContextInfoParser {

    private ContextInfoParser() {
    }

    public static Parsed<ContextInfo> parse(String text) {
        Warnings warnings = new Warnings("info");
        LineScanner lines = new LineScanner(text);
        int xid = 0;
        boolean xidSeen = false;
        String pointer = "";
        long init = 0;
        OptionalLong oom = OptionalLong.empty();
        while (lines.nextLine()) {
            if (lines.keyIs("ID")) {
                xid = (int) lines.nextLong();
                xidSeen = !lines.numberMissing();
            } else if (lines.keyIs("Info")) {
                pointer = lines.nextWord();
            } else if (lines.keyIs("Init")) {
                init = lines.nextLong();
            } else if (lines.keyIs("OOM")) {
                long bias = lines.nextLong();
                if (!lines.numberMissing()) {
                    oom = OptionalLong.of(bias);
                }
            } else if (!lines.hasKey() && !lines.lineIsBlank()) {
                lines.warnUnreadable(warnings);
            }
        }
        lines.warnIfTruncated(warnings);
        if (!xidSeen) {
            warnings.add("no ID line");
        }
        return warnings.result(new ContextInfo(xid, pointer, init, oom));
    }
}
