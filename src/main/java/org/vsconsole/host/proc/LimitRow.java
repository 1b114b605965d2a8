package org.vsconsole.host.proc;

import org.vsconsole.host.LimitValues;

/**
 * One row of {@code /proc/virtual/<xid>/limit}, in the row's unit (pages for memory rows).
 * Unlimited soft/hard values are {@link LimitValues#UNLIMITED}. The four-column 2.0 layout has no
 * minimum and a single limit: there {@code minimum} is {@link #NOT_REPORTED} and soft equals hard.
 *
 * @param name kernel row name without the colon ({@code PROC}, {@code VM}, … or an unknown name)
 */
public record LimitRow(String name, long current, long minimum, long maximum, long soft, long hard, long hits) {

    public static final long NOT_REPORTED = -1;
}
