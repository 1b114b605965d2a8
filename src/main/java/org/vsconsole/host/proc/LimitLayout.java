package org.vsconsole.host.proc;

/** Column layout of {@code /proc/virtual/<xid>/limit}. */
public enum LimitLayout {
    /** vs2.0: no header; current, maximum observed, limit, hits. */
    FOUR_COLUMNS,
    /** vs2.1/2.2/2.3: header line; current, min/max observed, soft/hard, hits. */
    SIX_COLUMNS,
    /** No row could be read. */
    UNKNOWN
}
