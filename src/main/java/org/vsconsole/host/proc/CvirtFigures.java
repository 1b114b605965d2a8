package org.vsconsole.host.proc;

import java.util.Optional;

/**
 * {@code /proc/virtual/<xid>/cvirt}.
 *
 * @param biasUptimeHundredths host uptime (hundredths of a second) when the context was created;
 *     guest uptime is host uptime minus this
 * @param uts present on 2.0/2.2 only; late 2.3 moved it to nsproxy
 */
public record CvirtFigures(
        long biasUptimeHundredths,
        Optional<UtsNames> uts,
        long threads,
        long running,
        long uninterruptible,
        long onHold,
        long loadUpdates,
        LoadAverage load,
        long totalForks) {

    public static final CvirtFigures EMPTY = new CvirtFigures(0, Optional.empty(), 0, 0, 0, 0, 0, LoadAverage.ZERO, 0);
}
