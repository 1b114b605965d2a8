package org.vsconsole.host;

/**
 * Soft and hard value of one limit in the limit's own unit (pages for memory limits, counts
 * otherwise); {@link #UNLIMITED} stands for util-vserver's {@code inf}.
 */
public record LimitValues(long soft, long hard) {

    public static final long UNLIMITED = -1;

    public static LimitValues both(long value) {
        return new LimitValues(value, value);
    }
}
