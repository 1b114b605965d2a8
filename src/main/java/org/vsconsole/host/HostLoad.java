package org.vsconsole.host;

import org.vsconsole.host.proc.HostProcReader;

/**
 * Load and memory of a host as a whole, as another host's agent reports them for the Hosts view.
 *
 * @param load1 the one-minute load average; negative when unreadable
 * @param memTotalBytes {@code MemTotal}; 0 when unreadable
 * @param memAvailableBytes {@code MemAvailable}; 0 when unreadable
 * @param cores processors the agent's JVM sees
 */
public record HostLoad(double load1, long memTotalBytes, long memAvailableBytes, int cores) {

    public static final HostLoad UNKNOWN = new HostLoad(-1, 0, 0, 0);

    public static HostLoad read(HostProcReader proc) {
        HostProcReader.Memory memory = proc.memory();
        return new HostLoad(proc.load().one(), memory.totalBytes(), memory.availableBytes(),
                Runtime.getRuntime().availableProcessors());
    }
}
