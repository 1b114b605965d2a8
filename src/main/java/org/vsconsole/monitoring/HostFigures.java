package org.vsconsole.monitoring;

/**
 * Load and memory of the host, from {@code /proc/loadavg} and {@code /proc/meminfo}.
 *
 * @param load1 load averages; negative when unreadable
 * @param memTotalBytes {@code MemTotal}; 0 when unreadable
 * @param memAvailableBytes {@code MemAvailable}; 0 when unreadable
 */
public record HostFigures(double load1, double load5, double load15, long memTotalBytes, long memAvailableBytes, int cores) {

    public static final HostFigures UNKNOWN = new HostFigures(-1, -1, -1, 0, 0, Runtime.getRuntime().availableProcessors());

    public boolean loadKnown() {
        return load1 >= 0;
    }
}
