package org.vsconsole.host.proc;

/**
 * What {@code vserver-stat} takes from one {@code /proc/<pid>}: times already in milliseconds,
 * each converted on its own from USER_HZ ticks as the C tool does.
 *
 * @param userMillis own plus reaped children's user time
 * @param systemMillis own plus reaped children's system time
 * @param startMillis start time since host boot
 */
public record ProcessSample(int pid, int xid, long vszBytes, long rssPages, long userMillis, long systemMillis, long startMillis) {
}
