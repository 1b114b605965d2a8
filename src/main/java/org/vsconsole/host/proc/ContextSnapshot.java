package org.vsconsole.host.proc;

import java.util.List;
import java.util.Optional;
import org.vsconsole.host.ContextFigures;

/**
 * Everything {@code /proc/virtual/<xid>/} showed about one context in one read, parsed, plus the
 * console's summary of it.
 *
 * @param nsproxy absent before 2.2
 * @param warnings of all this context's files, prefixed with the file name
 */
public record ContextSnapshot(
        int xid,
        ContextInfo info,
        ContextStatus status,
        LimitTable limit,
        SchedFigures sched,
        CvirtFigures cvirt,
        CacctFigures cacct,
        Optional<NsproxyFigures> nsproxy,
        ContextFigures figures,
        List<String> warnings) {

    public ContextSnapshot {
        warnings = List.copyOf(warnings);
    }

    /** Host name of the guest: nsproxy on late 2.3, cvirt before. */
    public Optional<String> nodeName() {
        return nsproxy.flatMap(NsproxyFigures::uts).or(cvirt::uts).map(UtsNames::nodeName);
    }
}
