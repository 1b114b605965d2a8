package org.vsconsole.migration;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a preflight found before anything moves: the problems that stop the move (each naming
 * its field), what the target cannot carry over, and what would be moved where.
 *
 * @param host      the host the guest moves from ({@code local} for this one)
 * @param mode      {@code precopy} or {@code offline}
 * @param problems  reasons the move cannot start; empty when it can
 * @param notCarried parts of the guest's config the target will not have (disk limits, capabilities, …)
 * @param treeBytes the guest's tree as measured where it is
 * @param freeBytes room for guest trees on the target; -1 when unknown
 */
public record MigrationPlan(String host, String guest, String targetHost, int context, @Nullable String ip, @Nullable Integer prefix,
        String mode,
        List<Blocker> problems, List<String> notCarried, long treeBytes, long freeBytes) {

    public MigrationPlan {
        problems = List.copyOf(problems);
        notCarried = List.copyOf(notCarried);
    }

    public boolean ready() {
        return problems.isEmpty();
    }

    /** One reason the move cannot start, with the field to fix. */
    public record Blocker(String field, String message) {
    }
}
