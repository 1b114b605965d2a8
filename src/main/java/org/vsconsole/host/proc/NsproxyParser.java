package org.vsconsole.host.proc;

/** Parses {@code /proc/virtual/<xid>/nsproxy}. */
public final class NsproxyParser {

    private NsproxyParser() {
    }

    public static Parsed<NsproxyFigures> parse(String text) {
        Warnings warnings = new Warnings("nsproxy");
        LineScanner lines = new LineScanner(text);
        UtsNamesBuilder uts = new UtsNamesBuilder();
        boolean anyKey = false;
        while (lines.nextLine()) {
            if (uts.accept(lines) || lines.hasKey()) {
                anyKey = true;
            } else if (!lines.lineIsBlank()) {
                lines.warnUnreadable(warnings);
            }
        }
        lines.warnIfTruncated(warnings);
        if (!anyKey) {
            warnings.add("no nsproxy lines");
        }
        return warnings.result(new NsproxyFigures(uts.build()));
    }
}
