package org.vsconsole.host.linux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vsconsole.host.HostFacts;
import org.vsconsole.host.HostFactsReader;
import org.vsconsole.host.HostOperationException;

/** The host page's facts on a stock kernel: LXC's version, and what a stock kernel does not keep per guest. */
public final class LinuxFacts {

    /** What the Context tab shows as "not available on this driver", said once for the whole host. */
    public static final String STOCK_KERNEL = "per-guest load averages, fork counts, scheduler tokens and socket counts:"
            + " a stock kernel keeps none of them per container";

    private LinuxFacts() {
    }

    static HostFacts read(Path cgroupRoot, Optional<String> readOnlyReason, Optional<String> tmpfsProblem) {
        String engine;
        try {
            engine = "LXC " + LinuxCommands.run("facts", null, List.of("lxc-start", "--version"), Duration.ofSeconds(5)).strip();
        } catch (HostOperationException e) {
            engine = "LXC not usable: " + e.getMessage();
        }
        List<String> missing = new ArrayList<>();
        readOnlyReason.ifPresent(missing::add);
        tmpfsProblem.ifPresent(problem -> missing.add("resizing a running guest's /tmp: " + problem));
        missing.add(STOCK_KERNEL);
        return HostFactsReader.read(Path.of("/proc"), cgroupRoot, "linux", engine, missing);
    }
}
