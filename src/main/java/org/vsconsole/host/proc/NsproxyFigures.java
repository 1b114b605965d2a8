package org.vsconsole.host.proc;

import java.util.Optional;

/**
 * {@code /proc/virtual/<xid>/nsproxy} (2.2+). Only the uts names matter to a console (the host name
 * of a running late-2.3 guest); the pointer and IPC-limit lines are skipped.
 */
public record NsproxyFigures(Optional<UtsNames> uts) {

    public static final NsproxyFigures EMPTY = new NsproxyFigures(Optional.empty());
}
