package org.vsconsole.host.proc;

import java.util.List;

/** The computed {@code vserver-stat} table, rows sorted by xid, plus what went wrong on the way. */
public record StatTable(StatPath path, List<StatRow> rows, List<String> warnings) {

    public StatTable {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }
}
