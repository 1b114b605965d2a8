package org.vsconsole.host.proc;

/**
 * {@code /proc/virtual/info}: the kernel's VCI API version, syscall number and configuration bits.
 *
 * @param apiVersion e.g. {@code 0x00020308}; 0 when the file could not be read
 * @param kernelBits the {@code VCIKernel} word; 0 when absent (2.0 {@code /proc/virtnet/info})
 */
public record VirtualInfo(int apiVersion, int syscall, long kernelBits, boolean kernelBitsPresent) {

    static final int BIT_NO_DYNAMIC = 0;
    static final int BIT_MEMCG = 12;

    public static final VirtualInfo UNKNOWN = new VirtualInfo(0, 0, 0, false);

    public KernelGeneration generation() {
        return KernelGeneration.of(apiVersion);
    }

    /** Version as {@code VCIVersion} prints it, {@code 0002:0308}. */
    public String versionText() {
        return String.format("%04x:%04x", apiVersion >>> 16, apiVersion & 0xffff);
    }

    /** util-vserver's {@code VSTAT} feature: statistics come from syscalls (here: their /proc twins). */
    public boolean hasStatisticsSyscalls() {
        return Integer.compareUnsigned(apiVersion, 0x00020103) >= 0
                && Integer.compareUnsigned(apiVersion, 0x00020306) < 0;
    }

    /** util-vserver's {@code MEMCG} feature: memory is accounted by the memory cgroup. */
    public boolean hasMemoryCgroup() {
        return Integer.compareUnsigned(apiVersion, 0x00020306) >= 0 && bit(BIT_MEMCG);
    }

    /** util-vserver's {@code DYNAMIC} feature. */
    public boolean hasDynamicContexts() {
        return Integer.compareUnsigned(apiVersion, 0x00020300) < 0 || !bit(BIT_NO_DYNAMIC);
    }

    /** Tagging scheme, bits 24–26: 0 none, 1 UID16, 2 GID16, 3 ID24, 4 INTERN, 5 RUNTIME. */
    public int taggingScheme() {
        return (int) ((kernelBits >>> 24) & 7);
    }

    public boolean bit(int index) {
        return (kernelBits >>> index & 1) != 0;
    }
}
