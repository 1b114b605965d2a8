package org.vsconsole.host;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a host is, as {@code vserver-info} would tell an admin: its kernel, the driver and the
 * engine behind it, its cgroups, and what it cannot do (with why), so a missing feature is named
 * on the host page instead of surprising someone later.
 *
 * @param kernel       kernel release ({@code uname -r})
 * @param architecture machine architecture
 * @param driver       {@code linux}, {@code vserver} or {@code read-only}
 * @param engine       {@code LXC 5.0.2}, {@code Linux-VServer API 2.3.8}; null when there is none
 * @param cgroups      cgroup version and controllers, e.g. {@code v2: cpu io memory pids}
 * @param missing      what guests on this host cannot have, each with its reason
 */
public record HostFacts(String kernel, String architecture, String driver, @Nullable String engine, String cgroups,
        List<String> missing) {

    public HostFacts {
        missing = List.copyOf(missing);
    }
}
