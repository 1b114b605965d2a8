package org.vsconsole.updates;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An update as asked: guests by name or {@code all}, apt's action, packages for install/remove,
 * whether only to list what would change, and what to do with stopped guests ({@code skip}, the
 * default, or {@code start}: started for the update and stopped again).
 */
public record UpdateRequest(List<String> guests, boolean all, @Nullable String action, List<String> packages, boolean dryRun,
        @Nullable String stoppedGuests) {

    public UpdateRequest {
        guests = guests == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(guests));
        packages = packages == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(packages));
    }
}
