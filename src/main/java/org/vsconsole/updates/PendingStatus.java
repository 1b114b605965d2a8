package org.vsconsole.updates;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One guest's pending updates as its last check counted them; {@code problem} is set (and the
 * counts null) when the check could not count.
 */
public record PendingStatus(String guest, @Nullable Integer pending, @Nullable Integer security, Instant checkedAt,
        @Nullable String problem) {

    public boolean hasSecurityUpdates() {
        return security != null && security > 0;
    }
}
