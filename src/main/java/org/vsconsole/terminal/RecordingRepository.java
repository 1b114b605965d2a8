package org.vsconsole.terminal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.jspecify.annotations.Nullable;

/** Rows of {@code terminal_session}. */
@Repository
class RecordingRepository {

    private final JdbcClient jdbc;

    RecordingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void opened(String id, String guest, @Nullable Integer xid, String actor, Instant openedAt, String file, boolean input) {
        jdbc.sql("""
                INSERT INTO terminal_session (id, guest, xid, actor, opened_at, recording, input_recorded)
                VALUES (:id, :guest, :xid, :actor, :opened, :file, :input)
                """).param("id", id).param("guest", guest).param("xid", xid).param("actor", actor)
                .param("opened", OffsetDateTime.ofInstant(openedAt, ZoneOffset.UTC)).param("file", file)
                .param("input", input).update();
    }

    @SuppressWarnings("NullAway") // an unknown hash is SQL NULL: JdbcClient's parameters are not annotated for it
    void closed(String id, Instant closedAt, String reason, @Nullable String sha256, long bytes) {
        jdbc.sql("""
                UPDATE terminal_session SET closed_at = :closed, close_reason = :reason, sha256 = :sha, bytes = :bytes
                WHERE id = :id
                """).param("closed", OffsetDateTime.ofInstant(closedAt, ZoneOffset.UTC)).param("reason", reason)
                .param("sha", sha256).param("bytes", bytes).param("id", id).update();
    }

    void expired(String id) {
        jdbc.sql("UPDATE terminal_session SET expired = TRUE WHERE id = :id").param("id", id).update();
    }

    List<TerminalRecording> newestFirst(int limit) {
        return jdbc.sql("SELECT * FROM terminal_session ORDER BY opened_at DESC LIMIT :limit")
                .param("limit", limit).query(RecordingRepository::map).list();
    }

    Optional<TerminalRecording> find(String id) {
        return jdbc.sql("SELECT * FROM terminal_session WHERE id = :id").param("id", id)
                .query(RecordingRepository::map).optional();
    }

    /** Sessions a previous run of the console left open: it died with them. */
    List<TerminalRecording> leftOpen() {
        return jdbc.sql("SELECT * FROM terminal_session WHERE closed_at IS NULL").query(RecordingRepository::map).list();
    }

    List<TerminalRecording> closedBefore(Instant limit) {
        return jdbc.sql("SELECT * FROM terminal_session WHERE closed_at < :limit AND expired = FALSE")
                .param("limit", OffsetDateTime.ofInstant(limit, ZoneOffset.UTC)).query(RecordingRepository::map).list();
    }

    private static TerminalRecording map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
        long bytes = rs.getLong("bytes");
        Long size = rs.wasNull() ? null : bytes;
        int xid = rs.getInt("xid");
        Integer context = rs.wasNull() ? null : xid;
        return new TerminalRecording(rs.getString("id"), rs.getString("guest"), context, rs.getString("actor"),
                rs.getObject("opened_at", OffsetDateTime.class).toInstant(), closed == null ? null : closed.toInstant(),
                rs.getString("close_reason"), rs.getString("sha256"), size, rs.getBoolean("input_recorded"),
                rs.getBoolean("expired"));
    }
}
