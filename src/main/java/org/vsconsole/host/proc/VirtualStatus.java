package org.vsconsole.host.proc;

import java.util.List;

/**
 * {@code /proc/virtual/status}: context counters; the namespace-proxy and init-task counters only
 * on 2.2 and later (empty lists otherwise).
 */
public record VirtualStatus(long contextsTotal, long contextsActive, List<Long> nsProxyCounts, List<Long> initTaskCounts) {

    public VirtualStatus {
        nsProxyCounts = List.copyOf(nsProxyCounts);
        initTaskCounts = List.copyOf(initTaskCounts);
    }
}
