package org.vsconsole.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Reads and appends rows of {@code audit_event}. Filter SQL is built from fixed fragments only. */
@Repository
class AuditRepository {

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AuditEvent> last() {
        return jdbc.sql("SELECT * FROM audit_event ORDER BY seq DESC LIMIT 1").query(AuditRepository::map).optional();
    }

    /** Whether the held event {@code heldId} is already in the log (written by an earlier replay). */
    boolean heldWritten(String heldId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_held_written WHERE held_id = ?").param(heldId).query(Long.class).single() > 0;
    }

    void markHeldWritten(String heldId, long seq) {
        jdbc.sql("INSERT INTO audit_held_written (held_id, seq) VALUES (?, ?)").params(heldId, seq).update();
    }

    void insert(AuditEvent e) {
        jdbc.sql("""
                INSERT INTO audit_event (seq, event_time, actor, actor_roles, client_addr, action, target_guest,
                  target_xid, target_detail, before_json, after_json, outcome, message, duration_ms, correlation_id,
                  prev_hash, hash)
                VALUES (:seq, :time, :actor, :roles, :client, :action, :guest, :xid, :detail, :before, :after,
                  :outcome, :message, :duration, :correlation, :prev, :hash)
                """)
                .param("seq", e.seq())
                .param("time", OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC))
                .param("actor", e.actor())
                .param("roles", e.actorRoles())
                .param("client", e.clientAddress())
                .param("action", e.action())
                .param("guest", e.targetGuest())
                .param("xid", e.targetXid())
                .param("detail", e.targetDetail())
                .param("before", e.beforeJson())
                .param("after", e.afterJson())
                .param("outcome", e.outcome().dbValue())
                .param("message", e.message())
                .param("duration", e.durationMs())
                .param("correlation", e.correlationId())
                .param("prev", e.prevHash())
                .param("hash", e.hash())
                .update();
    }

    List<AuditEvent> find(AuditQuery q, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(q, params);
        params.put("offset", offset);
        params.put("limit", limit);
        return jdbc.sql("SELECT * FROM audit_event" + where + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
                .params(params).query(AuditRepository::map).list();
    }

    long count(AuditQuery q) {
        Map<String, Object> params = new HashMap<>();
        String where = where(q, params);
        return jdbc.sql("SELECT COUNT(*) FROM audit_event" + where).params(params).query(Long.class).single();
    }

    /** Streams every row in chain order without holding them all in memory. */
    void forEachInOrder(Consumer<AuditEvent> consumer) {
        jdbc.sql("SELECT * FROM audit_event ORDER BY seq").query((RowCallbackHandler) rs -> consumer.accept(map(rs, 0)));
    }

    private static String where(AuditQuery q, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (q.actor() != null && !q.actor().isBlank()) {
            clauses.add("LOWER(actor) LIKE :actor");
            params.put("actor", like(q.actor()));
        }
        if (q.action() != null && !q.action().isBlank()) {
            clauses.add("LOWER(action) LIKE :action");
            params.put("action", like(q.action()));
        }
        if (q.target() != null && !q.target().isBlank()) {
            clauses.add("(LOWER(target_guest) LIKE :target OR LOWER(target_detail) LIKE :target"
                    + " OR CAST(target_xid AS VARCHAR) = :targetExact)");
            params.put("target", like(q.target()));
            params.put("targetExact", q.target().trim());
        }
        if (q.host() != null && !q.host().isBlank()) {
            clauses.add(AuditHosts.condition(q.host().trim(), params));
        }
        if (q.outcome() != null) {
            clauses.add("outcome = :outcome");
            params.put("outcome", q.outcome().dbValue());
        }
        if (q.from() != null) {
            clauses.add("event_time >= :from");
            params.put("from", OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            clauses.add("event_time < :to");
            params.put("to", OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static String like(String text) {
        String escaped = text.trim().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        int xid = rs.getInt("target_xid");
        Integer targetXid = rs.wasNull() ? null : xid;
        return new AuditEvent(
                rs.getLong("seq"),
                toInstant(rs.getObject("event_time", OffsetDateTime.class)),
                rs.getString("actor"),
                rs.getString("actor_roles"),
                rs.getString("client_addr"),
                rs.getString("action"),
                rs.getString("target_guest"),
                targetXid,
                rs.getString("target_detail"),
                rs.getString("before_json"),
                rs.getString("after_json"),
                Outcome.fromDb(rs.getString("outcome")),
                rs.getString("message"),
                rs.getLong("duration_ms"),
                rs.getString("correlation_id"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    private static Instant toInstant(@Nullable OffsetDateTime time) {
        return Objects.requireNonNull(time, "event_time is NOT NULL").toInstant();
    }

}
