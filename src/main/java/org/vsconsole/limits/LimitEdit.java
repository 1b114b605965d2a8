package org.vsconsole.limits;

/**
 * New soft and hard value of one limit as typed by a user: ASCII decimal digits in the limit's
 * own unit (pages for memory limits), or {@code inf} / {@code unlimited}. Both are required.
 */
public record LimitEdit(String soft, String hard) {

    public static LimitEdit of(long soft, long hard) {
        return new LimitEdit(LimitUnits.text(soft), LimitUnits.text(hard));
    }
}
