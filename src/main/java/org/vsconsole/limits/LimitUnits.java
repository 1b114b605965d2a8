package org.vsconsole.limits;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.KnownLimit;
import org.jspecify.annotations.Nullable;

/** Names, descriptions and the display of limit values: pages as MiB, counts as counts, unlimited as such. */
public final class LimitUnits {

    /** Shown first, in this order; the rest of util-vserver's names go under "more". */
    public static final List<String> PRIMARY = List.of("nproc", "as", "memlock", "rss", "nofile", "locks");

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("nproc", "Processes and threads"),
            Map.entry("as", "Address space (virtual memory)"),
            Map.entry("memlock", "Locked memory"),
            Map.entry("rss", "Resident memory"),
            Map.entry("nofile", "Open files"),
            Map.entry("locks", "File locks"),
            Map.entry("cpu", "CPU time"),
            Map.entry("fsize", "File size"),
            Map.entry("data", "Data segment"),
            Map.entry("stack", "Stack size"),
            Map.entry("core", "Core file size"),
            Map.entry("msgqueue", "POSIX message queues"),
            Map.entry("nsock", "Sockets"),
            Map.entry("openfd", "Open file descriptors"),
            Map.entry("anon", "Anonymous memory"),
            Map.entry("shmem", "Shared memory"),
            Map.entry("semary", "Semaphore arrays"),
            Map.entry("nsems", "Semaphores"),
            Map.entry("dentry", "Directory entries"));

    private LimitUnits() {
    }

    public static String description(String name) {
        return DESCRIPTIONS.getOrDefault(name, name);
    }

    /** The limit names in display order: the primary six, then the others in util-vserver's order. */
    public static List<String> displayOrder() {
        List<String> out = new java.util.ArrayList<>(PRIMARY);
        for (KnownLimit l : KnownLimit.values()) {
            if (!out.contains(l.fileName())) {
                out.add(l.fileName());
            }
        }
        return out;
    }

    public static boolean isPages(String name) {
        return KnownLimit.byFileName(name).map(l -> l.unit().equals("pages")).orElse(false);
    }

    /** What the console writes and shows in edit fields: decimal, or {@code inf}. */
    public static String text(long value) {
        return value == LimitValues.UNLIMITED ? "inf" : Long.toString(value);
    }

    /** A value for people: "unlimited", "512 MiB (131072 pages)" for page limits, the plain count otherwise. */
    public static String display(String name, @Nullable Long value, long pageSize) {
        if (value == null) {
            return "–";
        }
        if (value == LimitValues.UNLIMITED) {
            return "unlimited";
        }
        if (isPages(name)) {
            return mib(value * pageSize) + " (" + value + " pages)";
        }
        return Long.toString(value);
    }

    /** Short form for a used amount: MiB for page limits, the count otherwise. */
    public static String amount(String name, @Nullable Long value, long pageSize) {
        if (value == null) {
            return "–";
        }
        if (value == LimitValues.UNLIMITED) {
            return "unlimited";
        }
        return isPages(name) ? mib(value * pageSize) : Long.toString(value);
    }

    static String mib(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        if (mib >= 100 || mib == Math.rint(mib)) {
            return String.format(Locale.ROOT, "%.0f MiB", mib);
        }
        return String.format(Locale.ROOT, "%.1f MiB", mib);
    }

    /** The unit a REST client reads: "pages", "processes", "open files", … */
    public static String unit(String name) {
        return KnownLimit.byFileName(name).map(KnownLimit::unit).orElse("");
    }
}
