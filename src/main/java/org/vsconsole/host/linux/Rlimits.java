package org.vsconsole.host.linux;

import com.sun.jna.LastErrorException;
import java.util.List;
import java.util.Map;
import org.vsconsole.host.LimitValues;

/**
 * The util-vserver limits that map onto per-process rlimits ({@code nproc} and {@code rss} map
 * onto the context's cgroup instead). Memory limits are counted in pages, as util-vserver does.
 */
final class Rlimits {

    private record Resource(int number, boolean pages) {
    }

    private static final Map<String, Resource> RESOURCES = Map.of(
            "nofile", new Resource(7, false),
            "memlock", new Resource(8, true),
            "as", new Resource(9, true),
            "locks", new Resource(10, false));

    static final long PAGE_SIZE = LibC.INSTANCE.sysconf(LibC.SC_PAGESIZE);
    /**
     * The kernel refuses RLIM_INFINITY for open files; their "unlimited" is the most a process may
     * have ({@code fs.nr_open}), and that value read back means unlimited again.
     */
    private static final long NOFILE_CEILING = readNrOpen();

    private Rlimits() {
    }

    /** Whether this process may raise hard limits (CAP_SYS_RESOURCE), as root on a host may. */
    static final boolean CAN_RAISE = hasCapability(24);

    /**
     * {@code --nofile=S:H …} for every limit: the saved values, and for a limit nobody saved,
     * unlimited where this process may raise limits, else the most it has itself: a guest never
     * starts with what happened to be the console's soft limit.
     */
    static List<String> prlimitOptions(Map<String, LimitValues> saved, boolean canRaise,
            java.util.function.ToLongFunction<String> ownHard) {
        List<String> options = new java.util.ArrayList<>();
        for (String name : RESOURCES.keySet().stream().sorted().toList()) {
            LimitValues values = saved.get(name);
            if (values == null) {
                values = LimitValues.both(canRaise ? LimitValues.UNLIMITED : ownHard.applyAsLong(name));
            }
            options.add("--" + name + "=" + kernelText(name, values.soft()) + ":" + kernelText(name, values.hard()));
        }
        return options;
    }

    /** This process's own hard limit, in the limit's unit. */
    static long ownHard(String name) {
        return read((int) ProcessHandle.current().pid(), name).hard();
    }

    private static boolean hasCapability(int bit) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << bit)) != 0;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // unknown: assume not, which only keeps limits where they are
        }
        return false;
    }

    private static boolean isNofile(Resource resource) {
        return resource.number() == 7;
    }

    private static long readNrOpen() {
        try {
            // line by line: some kernels (gVisor) report a size for /proc files that readString trusts
            return Long.parseLong(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/fs/nr_open")).getFirst().strip());
        } catch (java.io.IOException | NumberFormatException e) {
            return 1_048_576; // the kernel's default
        }
    }

    static boolean handles(String name) {
        return RESOURCES.containsKey(name);
    }

    static Iterable<String> names() {
        return RESOURCES.keySet();
    }

    /** Sets the limit on one process; throws the kernel's errno (ESRCH when it is gone). */
    static void apply(int pid, String name, LimitValues values) throws LastErrorException {
        Resource resource = resource(name);
        long[] limits = {toKernel(values.soft(), resource), toKernel(values.hard(), resource)};
        LibC.INSTANCE.prlimit(pid, resource.number(), limits, null);
    }

    static LimitValues read(int pid, String name) throws LastErrorException {
        Resource resource = resource(name);
        long[] limits = new long[2];
        LibC.INSTANCE.prlimit(pid, resource.number(), null, limits);
        return new LimitValues(fromKernel(limits[0], resource), fromKernel(limits[1], resource));
    }

    /** The value as {@code lxc.prlimit} takes it: bytes or a count, or {@code unlimited}. */
    static String kernelText(String name, long value) {
        Resource resource = resource(name);
        return value == LimitValues.UNLIMITED && !isNofile(resource) ? "unlimited" : Long.toString(toKernel(value, resource));
    }

    /** The resource of a limit {@link #handles} says yes to; every caller asks that first. */
    private static Resource resource(String name) {
        Resource resource = RESOURCES.get(name);
        if (resource == null) {
            throw new IllegalArgumentException("not a limit this driver sets per process: " + name);
        }
        return resource;
    }

    private static long toKernel(long value, Resource resource) {
        if (value == LimitValues.UNLIMITED) {
            return isNofile(resource) ? NOFILE_CEILING : -1; // RLIM_INFINITY
        }
        return resource.pages() ? Math.multiplyExact(value, PAGE_SIZE) : value;
    }

    private static long fromKernel(long value, Resource resource) {
        if (value == -1 || (isNofile(resource) && value >= NOFILE_CEILING)) {
            return LimitValues.UNLIMITED;
        }
        return resource.pages() ? value / PAGE_SIZE : value;
    }
}
