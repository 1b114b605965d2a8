package org.vsconsole.migration;

import org.jspecify.annotations.Nullable;

/**
 * Where to move a guest: a managed host, and optionally the context and address it
 * gets there (its own when left out). Fields are strings as typed; {@link MigrationService} checks them.
 *
 * @param mode {@code precopy} (when left out): copied while it runs, then stopped for what changed
 *             meanwhile; {@code offline}: stopped for the whole copy
 */
public record MigrationRequest(@Nullable String targetHost, @Nullable String context, @Nullable String ip, @Nullable String prefix,
        @Nullable String mode) {
}
