package org.vsconsole.limits;

import org.jspecify.annotations.Nullable;

/**
 * New soft and hard value of one limit as typed by a user: ASCII decimal digits in the limit's
 * own unit (pages for memory limits), or {@code inf} / {@code unlimited}. Both are required.
 */
public record LimitEdit(@Nullable String soft, @Nullable String hard) {

    public static LimitEdit of(long soft, long hard) {
        return new LimitEdit(LimitUnits.text(soft), LimitUnits.text(hard));
    }
}
