package org.vsconsole.host.proc;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.vsconsole.host.ContextFigures;

/**
 * One pass over a proc root: the global files and every context, sorted by xid.
 *
 * @param hostUptimeMillis from {@code <proc>/uptime}; empty when unreadable (uptimes are then 0)
 */
public record ProcSnapshot(
        VirtualInfo info,
        VirtualStatus status,
        OptionalLong hostUptimeMillis,
        MachineUnits units,
        List<ContextSnapshot> contexts,
        List<String> warnings) {

    public ProcSnapshot {
        contexts = List.copyOf(contexts);
        warnings = List.copyOf(warnings);
    }

    public Optional<ContextSnapshot> context(int xid) {
        for (ContextSnapshot context : contexts) {
            if (context.xid() == xid) {
                return Optional.of(context);
            }
        }
        return Optional.empty();
    }

    public List<ContextFigures> figures() {
        return contexts.stream().map(ContextSnapshot::figures).toList();
    }
}
