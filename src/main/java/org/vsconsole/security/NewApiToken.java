package org.vsconsole.security;

import java.time.Instant;

/** A token just made: the only time its secret {@code token} is available. */
public record NewApiToken(long id, String name, String token, boolean readOnly, Instant createdAt, Instant expiresAt) {
}
