package org.vsconsole.host.proc;

import java.util.List;
import java.util.Optional;

/** {@code /proc/virtual/<xid>/limit}: rows in file order, unknown row names included. */
public record LimitTable(LimitLayout layout, List<LimitRow> rows) {

    public static final LimitTable EMPTY = new LimitTable(LimitLayout.UNKNOWN, List.of());

    public LimitTable {
        rows = List.copyOf(rows);
    }

    /** @param name kernel row name such as {@code PROC} */
    public Optional<LimitRow> row(String name) {
        for (LimitRow row : rows) {
            if (row.name().equals(name)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }
}
