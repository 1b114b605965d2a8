package org.vsconsole.host.proc;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code /proc/virtual/<xid>/cacct}: socket accounting per address family (5 rows on 2.0, 6 later).
 *
 * @param forks vs2.0 only
 */
public record CacctFigures(List<SocketTraffic> families, OptionalLong forks) {

    public static final CacctFigures EMPTY = new CacctFigures(List.of(), OptionalLong.empty());

    public CacctFigures {
        families = List.copyOf(families);
    }

    public Optional<SocketTraffic> family(String name) {
        return families.stream().filter(f -> f.family().equals(name)).findFirst();
    }
}
