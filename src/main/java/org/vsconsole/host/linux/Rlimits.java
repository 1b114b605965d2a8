package org.vsconsole.host.linux;

import com.sun.jna.LastErrorException;
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

    private Rlimits() {
    }

    static boolean handles(String name) {
        return RESOURCES.containsKey(name);
    }

    static Iterable<String> names() {
        return RESOURCES.keySet();
    }

    /** Sets the limit on one process; throws the kernel's errno (ESRCH when it is gone). */
    static void apply(int pid, String name, LimitValues values) throws LastErrorException {
        Resource resource = RESOURCES.get(name);
        long[] limits = {toKernel(values.soft(), resource), toKernel(values.hard(), resource)};
        LibC.INSTANCE.prlimit(pid, resource.number(), limits, null);
    }

    static LimitValues read(int pid, String name) throws LastErrorException {
        Resource resource = RESOURCES.get(name);
        long[] limits = new long[2];
        LibC.INSTANCE.prlimit(pid, resource.number(), null, limits);
        return new LimitValues(fromKernel(limits[0], resource), fromKernel(limits[1], resource));
    }

    /** The value as {@code lxc.prlimit} takes it: bytes or a count, or {@code unlimited}. */
    static String kernelText(String name, long value) {
        return value == LimitValues.UNLIMITED ? "unlimited" : Long.toString(toKernel(value, RESOURCES.get(name)));
    }

    private static long toKernel(long value, Resource resource) {
        if (value == LimitValues.UNLIMITED) {
            return -1; // RLIM_INFINITY
        }
        return resource.pages() ? Math.multiplyExact(value, PAGE_SIZE) : value;
    }

    private static long fromKernel(long value, Resource resource) {
        if (value == -1) {
            return LimitValues.UNLIMITED;
        }
        return resource.pages() ? value / PAGE_SIZE : value;
    }
}
