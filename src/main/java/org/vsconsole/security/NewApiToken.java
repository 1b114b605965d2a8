package org.vsconsole.security;

import java.time.Instant;

/** A token just made: the only time its secret {@code token} is available. */
@io.swagger.v3.oas.annotations.media.Schema(description = "A new token; its secret (token) is in this answer only.", example = """
        {"id":7,"name":"backup script","token":"vsc_3k9Qe…","readOnly":true,\
        "createdAt":"2026-11-30T16:00:00Z","expiresAt":"2027-02-28T16:00:00Z"}""")
public record NewApiToken(long id, String name, String token, boolean readOnly, Instant createdAt, Instant expiresAt) {
}
