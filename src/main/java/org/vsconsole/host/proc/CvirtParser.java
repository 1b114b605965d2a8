package org.vsconsole.host.proc;

/** Parses {@code /proc/virtual/<xid>/cvirt}, with or without the uts lines. */
public final class CvirtParser {

    private CvirtParser() {
    }

    public static Parsed<CvirtFigures> parse(String text) {
        Warnings warnings = new Warnings("cvirt");
        LineScanner lines = new LineScanner(text);
        UtsNamesBuilder uts = new UtsNamesBuilder();
        long bias = 0;
        boolean biasSeen = false;
        long threads = 0;
        long running = 0;
        long unintr = 0;
        long onHold = 0;
        long loadUpdates = 0;
        LoadAverage load = LoadAverage.ZERO;
        long forks = 0;
        while (lines.nextLine()) {
            if (lines.keyIs("BiasUptime")) {
                bias = lines.nextHundredths();
                biasSeen = !lines.numberMissing();
            } else if (lines.keyIs("nr_threads")) {
                threads = lines.nextLong();
            } else if (lines.keyIs("nr_running")) {
                running = lines.nextLong();
            } else if (lines.keyIs("nr_unintr")) {
                unintr = lines.nextLong();
            } else if (lines.keyIs("nr_onhold")) {
                onHold = lines.nextLong();
            } else if (lines.keyIs("load_updates")) {
                loadUpdates = lines.nextLong();
            } else if (lines.keyIs("loadavg")) {
                long one = lines.nextHundredths();
                long five = lines.nextHundredths();
                long fifteen = lines.nextHundredths();
                if (lines.numberMissing()) {
                    warnings.add("loadavg needs three values");
                } else {
                    load = new LoadAverage(one, five, fifteen);
                }
            } else if (lines.keyIs("total_forks")) {
                forks = lines.nextLong();
            } else if (!uts.accept(lines) && !lines.hasKey() && !lines.lineIsBlank()) {
                lines.warnUnreadable(warnings);
            }
        }
        lines.warnIfTruncated(warnings);
        if (!biasSeen) {
            warnings.add("no BiasUptime line; uptime unknown");
        }
        return warnings.result(new CvirtFigures(bias, uts.build(), threads, running, unintr, onHold, loadUpdates, load, forks));
    }
}
