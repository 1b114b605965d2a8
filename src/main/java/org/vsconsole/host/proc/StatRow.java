package org.vsconsole.host.proc;

/**
 * One {@code vserver-stat} line before formatting.
 *
 * @param uptimeMillis may be negative when the clock data is inconsistent; printed as INVALID
 *     like the C tool's unsigned underflow
 * @param name display name; empty when the xid maps to no configuration
 * @param legacyConfig printed as {@code [name]} (old {@code /etc/vservers/<name>.conf} guests)
 */
public record StatRow(
        int xid, long processes, long vszBytes, long rssBytes, long userMillis, long systemMillis, long uptimeMillis,
        String name, boolean legacyConfig) {
}
