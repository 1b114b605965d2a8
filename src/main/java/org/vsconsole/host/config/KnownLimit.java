package org.vsconsole.host.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The resource names util-vserver's vlimit accepts in {@code rlimits/} (§1.5), with the unit the
 * kernel uses and the largest value the console lets a user write. Memory limits are in pages,
 * not bytes: a user typing bytes into a pages field is the classic mistake, hence the unit here.
 */
public enum KnownLimit {

    CPU("cpu", "seconds", 1L << 32), FSIZE("fsize", "bytes", 1L << 62), DATA("data", "bytes", 1L << 62), STACK("stack", "bytes",
            1L << 62), CORE("core", "bytes", 1L << 62), RSS("rss", "pages", 1L << 40), NPROC("nproc", "processes",
                    4_194_304), NOFILE("nofile", "open files", Integer.MAX_VALUE), MEMLOCK("memlock", "pages", 1L << 40), AS("as", "pages",
                            1L << 40), LOCKS("locks", "locks", Integer.MAX_VALUE), MSGQUEUE("msgqueue", "bytes", 1L << 40), NSOCK("nsock",
                                    "sockets", Integer.MAX_VALUE), OPENFD("openfd", "file descriptors", Integer.MAX_VALUE), ANON("anon",
                                            "pages", 1L << 40), SHMEM("shmem", "pages", 1L << 40), SEMARY("semary", "semaphore arrays",
                                                    Integer.MAX_VALUE), NSEMS("nsems", "semaphores",
                                                            Integer.MAX_VALUE), DENTRY("dentry", "dentries", Integer.MAX_VALUE);

    private final String fileName;
    private final String unit;
    private final long max;

    KnownLimit(String fileName, String unit, long max) {
        this.fileName = fileName;
        this.unit = unit;
        this.max = max;
    }

    /** The base file name in {@code rlimits/}. */
    public String fileName() {
        return fileName;
    }

    public String unit() {
        return unit;
    }

    /** Largest finite value accepted from a user. */
    public long max() {
        return max;
    }

    public static Optional<KnownLimit> byFileName(String name) {
        return Arrays.stream(values()).filter(l -> l.fileName.equals(name)).findFirst();
    }

    /** Names exec-ulimit reads from {@code ulimits/}; a subset of the rlimit names. */
    public boolean isUlimit() {
        return switch (this) {
            case CORE, CPU, DATA, FSIZE, LOCKS, MEMLOCK, NOFILE, NPROC, RSS, STACK -> true;
            default -> false;
        };
    }
}
