package org.vsconsole.host;

/**
 * One process of a guest, as {@code vps} lists it: host pid, pid inside the guest (when the
 * driver knows it), user, VSZ/RSS in bytes, CPU time, start time and command line.
 */
public record GuestProcess(
        int pid, int guestPid, String user, long vszBytes, long rssBytes, long cpuMs, long startedEpochMs,
        String command) {
}
