package org.vsconsole.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.jspecify.annotations.Nullable;

/** Jobs, their items and log lines in H2. */
@Repository
class JobRepository {

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @SuppressWarnings("NullAway") // a job without a target is SQL NULL: JdbcClient's parameters are not annotated for it
    long insert(String kind, String title, @Nullable String target, String actor) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO job (kind, title, target, actor, state, progress, created_at) VALUES (?, ?, ?, ?, 'queued', 0, ?)")
                .params(kind, title, target, actor, now())
                .update(keys, "id");
        return java.util.Objects.requireNonNull(keys.getKey(), "no job id generated").longValue();
    }

    void start(long id) {
        jdbc.sql("UPDATE job SET state = 'running', started_at = ? WHERE id = ?").params(now(), id).update();
    }

    @SuppressWarnings("NullAway") // a null message is SQL NULL: JdbcClient's parameters are not annotated for it
    void finish(long id, JobState state, @Nullable String message) {
        jdbc.sql(
                "UPDATE job SET state = ?, message = ?, finished_at = ?, progress = CASE WHEN ? = 'succeeded' THEN 100 ELSE progress END WHERE id = ?")
                .params(state.dbValue(), clipOrNull(message, 1000), now(), state.dbValue(), id).update();
    }

    void progress(long id, int percent) {
        jdbc.sql("UPDATE job SET progress = ? WHERE id = ?").params(percent, id).update();
    }

    @SuppressWarnings("NullAway") // a null message is SQL NULL: JdbcClient's parameters are not annotated for it
    void item(long id, String item, JobState state, @Nullable String message) {
        int updated = jdbc.sql("UPDATE job_item SET state = ?, message = ? WHERE job_id = ? AND item = ?")
                .params(state.dbValue(), clipOrNull(message, 1000), id, item).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO job_item (job_id, item, state, message) VALUES (?, ?, ?, ?)")
                    .params(id, item, state.dbValue(), clipOrNull(message, 1000)).update();
        }
    }

    void log(long id, int lineNo, String text) {
        jdbc.sql("INSERT INTO job_log (job_id, line_no, logged_at, text) VALUES (?, ?, ?, ?)")
                .params(id, lineNo, now(), clip(text, 2000)).update();
    }

    List<String> logLines(long id) {
        return jdbc.sql("SELECT text FROM job_log WHERE job_id = ? ORDER BY line_no").param(id).query(String.class).list().stream()
                .map(text -> java.util.Objects.requireNonNullElse(text, "")).toList();
    }

    Optional<Job> find(long id) {
        return jdbc.sql("SELECT * FROM job WHERE id = ?").param(id).query(this::map).optional();
    }

    List<Job> recent(int limit) {
        return jdbc.sql("SELECT * FROM job ORDER BY id DESC LIMIT ?").param(limit).query(this::map).list();
    }

    List<Job> unfinished() {
        return jdbc.sql("SELECT * FROM job WHERE state IN ('queued', 'running') ORDER BY id").query(this::map).list();
    }

    private Job map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<Job.JobItem> items = jdbc.sql("SELECT item, state, message FROM job_item WHERE job_id = ? ORDER BY item")
                .param(id)
                .query((r, n) -> new Job.JobItem(r.getString(1), JobState.fromDb(r.getString(2)), r.getString(3)))
                .list();
        return new Job(id, rs.getString("kind"), rs.getString("title"), rs.getString("target"), rs.getString("actor"),
                JobState.fromDb(rs.getString("state")), rs.getInt("progress"), rs.getString("message"),
                java.util.Objects.requireNonNull(instant(rs, "created_at")), instant(rs, "started_at"), instant(rs, "finished_at"), items);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static @Nullable String clipOrNull(@Nullable String text, int max) {
        return text == null ? null : clip(text, max);
    }
}
