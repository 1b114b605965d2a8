package org.vsconsole.host.vserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A guest's config directory as util-vserver leaves it on a VServer host (reference §1), for the
 * tests of moving such a guest: no static context, one address on {@code eth0}, nproc 300/400,
 * the boot mark, and the parts a stock-kernel host cannot honour (a disk limit, a capability, a
 * personality, scheduler tokens).
 */
public final class UtilVserverGuestConfig {

    private UtilVserverGuestConfig() {
    }

    public static void write(Path config, Path root, String nodename, String ip) throws IOException {
        Files.createDirectories(config);
        Files.createSymbolicLink(config.resolve("vdir"), root);
        file(config, "uts/nodename", nodename);
        file(config, "interfaces/0/ip", ip);
        file(config, "interfaces/0/prefix", "24");
        file(config, "interfaces/0/dev", "eth0");
        file(config, "rlimits/nproc.soft", "300");
        file(config, "rlimits/nproc.hard", "400");
        file(config, "apps/init/mark", "default");
        file(config, "dlimits/0/directory", root.toString());
        file(config, "dlimits/0/space_total", "1048576");
        file(config, "dlimits/0/inodes_total", "100000");
        file(config, "dlimits/0/reserved", "5");
        file(config, "bcapabilities", "SYS_TIME");
        file(config, "personality", "LINUX32");
        file(config, "sched/fill-rate", "1");
        file(config, "sched/interval", "4");
    }

    /** Writes {@code text} and a newline to {@code relative} in {@code config}, making its folders. */
    public static void file(Path config, String relative, String text) throws IOException {
        Path file = config.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n");
    }
}
