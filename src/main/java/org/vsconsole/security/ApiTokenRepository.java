package org.vsconsole.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** API tokens in H2, found by the SHA-256 of their secret. */
@Repository
class ApiTokenRepository {

    /** What a request's token resolves to: the token and its owner's name and state. */
    record Holder(long tokenId, String tokenName, boolean readOnly, Instant expiresAt, @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt,
            String username, boolean userEnabled) {
    }

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long userId, String name, String hash, boolean readOnly, Instant created, Instant expires) {
        jdbc.sql("INSERT INTO api_token (user_id, name, token_hash, read_only, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(userId, name, hash, readOnly, time(created), time(expires)).update();
        return jdbc.sql("SELECT id FROM api_token WHERE token_hash = ?").param(hash).query(Long.class).single();
    }

    Optional<Holder> byHash(String hash) {
        return jdbc.sql("""
                SELECT t.id, t.name, t.read_only, t.expires_at, t.revoked_at, t.last_used_at, u.username, u.enabled
                FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = ?""")
                .param(hash)
                .query((rs, n) -> new Holder(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                        required(instant(rs.getObject(4, OffsetDateTime.class))),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)),
                        rs.getString(7), rs.getBoolean(8)))
                .optional();
    }

    List<ApiToken> ofUser(long userId) {
        return jdbc.sql("SELECT id, name, read_only, created_at, expires_at, last_used_at, revoked_at FROM api_token"
                + " WHERE user_id = ? ORDER BY id")
                .param(userId)
                .query((rs, n) -> new ApiToken(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                        required(instant(rs.getObject(4, OffsetDateTime.class))),
                        required(instant(rs.getObject(5, OffsetDateTime.class))),
                        instant(rs.getObject(6, OffsetDateTime.class)), instant(rs.getObject(7, OffsetDateTime.class))))
                .list();
    }

    long countActive(long userId, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM api_token WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?")
                .params(userId, time(now)).query(Long.class).single();
    }

    boolean nameTaken(long userId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM api_token WHERE user_id = ? AND name = ?").params(userId, name)
                .query(Long.class).single() > 0;
    }

    boolean revoke(long userId, long tokenId, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(time(now), tokenId, userId).update() > 0;
    }

    void touched(long tokenId, Instant now) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?").params(time(now), tokenId).update();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** created_at and expires_at are NOT NULL. */
    private static Instant required(@Nullable Instant value) {
        return Objects.requireNonNull(value, "the column is NOT NULL");
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
