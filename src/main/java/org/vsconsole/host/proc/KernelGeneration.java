package org.vsconsole.host.proc;

/**
 * Linux-VServer patch generations whose {@code /proc/virtual} formats differ, derived from the
 * VCI API version ({@code VCIVersion} in {@code /proc/virtual/info}).
 */
public enum KernelGeneration {

    V2_0, V2_1, V2_2,
    /** vs2.3.0 – 2.3.5: still statistics syscalls, no memory cgroup accounting. */
    V2_3_EARLY,
    /** vs2.3.6 and later: memory limits through the memory cgroup. */
    V2_3_6_PLUS;

    /** @param apiVersion e.g. {@code 0x00020308} */
    public static KernelGeneration of(int apiVersion) {
        int major = apiVersion >>> 16;
        int minor = apiVersion & 0xffff;
        if (major < 2 || (major == 2 && minor < 0x0100)) {
            return V2_0;
        }
        if (major > 2) {
            return V2_3_6_PLUS;
        }
        if (minor < 0x0200) {
            return V2_1;
        }
        if (minor < 0x0300) {
            return V2_2;
        }
        return minor < 0x0306 ? V2_3_EARLY : V2_3_6_PLUS;
    }
}
