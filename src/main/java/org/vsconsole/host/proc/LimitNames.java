package org.vsconsole.host.proc;

import java.util.Locale;

/**
 * Maps kernel limit row names to util-vserver's resource names (the {@code rlimits/} file names),
 * which is how {@link org.vsconsole.host.ContextFigures#limits()} is keyed.
 */
final class LimitNames {

    private LimitNames() {
    }

    static String utilVserverName(String kernelRow) {
        return switch (kernelRow) {
            case "PROC" -> "nproc";
            case "VM" -> "as";
            case "VML" -> "memlock";
            case "RSS" -> "rss";
            case "ANON" -> "anon";
            // no util-vserver name exists for limit 23; "mapped" is the kernel's own word for it
            case "RMAP" -> "mapped";
            case "FILES" -> "nofile";
            case "OFD" -> "openfd";
            case "LOCKS" -> "locks";
            case "SOCK" -> "nsock";
            case "MSGQ" -> "msgqueue";
            case "SHM" -> "shmem";
            case "SEMA" -> "semary";
            case "SEMS" -> "nsems";
            case "DENT" -> "dentry";
            default -> kernelRow.toLowerCase(Locale.ROOT);
        };
    }
}
