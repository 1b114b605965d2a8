package org.vsconsole.host.proc;

/** Generation of {@code /proc/virtual/<xid>/sched}. */
public enum SchedLayout {
    /** vs2.0: {@code Token:} line, single fill rate and interval, {@code VaVaVoom:}. */
    TOKEN_BUCKET_2_0,
    /** vs2.2: fill rate and interval pairs (normal, idle time), long per-CPU lines. */
    TOKEN_BUCKET_2_2,
    /** Late vs2.3: only {@code PrioBias:} and short per-CPU lines. */
    PRIO_BIAS_ONLY, UNKNOWN
}
