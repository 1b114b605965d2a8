package org.vsconsole.host.linux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.vsconsole.host.GuestSpec;

/** A skeleton guest's tree made outside any driver, as a tree another host left behind: root-owned, not shifted. */
public final class SkeletonTrees {

    private SkeletonTrees() {
    }

    public static void build(Path root, String nodename) throws java.io.IOException {
        GuestSpec guest = new GuestSpec(nodename, 0, root.resolveSibling(nodename + ".config"), root, nodename, null, null,
                List.of(), Map.of());
        new SkeletonBuilder(Path.of("/bin/busybox"), Duration.ofSeconds(30)).build(guest, line -> {
        });
    }
}
