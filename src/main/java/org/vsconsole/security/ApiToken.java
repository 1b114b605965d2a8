package org.vsconsole.security;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An API token as its owner sees it in lists: never the secret. */
public record ApiToken(long id, String name, boolean readOnly, Instant createdAt, Instant expiresAt, @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    public boolean active(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
