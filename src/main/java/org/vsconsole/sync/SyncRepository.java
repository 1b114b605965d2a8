package org.vsconsole.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The guest registry, its accepted file baselines and the intent journal in H2. */
@Repository
class SyncRepository {

    /** A file of the accepted baseline; {@code content} is null when not kept (large, not a file). */
    record FileRow(String path, String fingerprint, byte @Nullable [] content) {
    }

    /** An intent row. */
    record Intent(long id, String correlationId, String actor, String action, @Nullable String guest, @Nullable Integer xid,
            @Nullable String beforeDigest, @Nullable String beforeJson, Instant startedAt, @Nullable Instant finishedAt,
            @Nullable String outcome) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    SyncRepository(JdbcClient jdbc, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // Values that may be SQL NULL go in one by one: param(value) takes a null, params(values...) is not declared to.

    // ---- registry ---------------------------------------------------------------------------

    List<GuestSyncStatus> findAll() {
        return jdbc.sql("SELECT * FROM sync_guest ORDER BY name").query(SyncRepository::status).list();
    }

    Optional<GuestSyncStatus> find(String name) {
        return jdbc.sql("SELECT * FROM sync_guest WHERE name = ?").param(name).query(SyncRepository::status).optional();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM sync_guest").query(Long.class).single();
    }

    /** Writes the row and, when {@code files} is not null, replaces the baseline, in one transaction. */
    void save(GuestSyncStatus s, @Nullable List<FileRow> files) {
        ownTransaction.executeWithoutResult(tx -> {
            jdbc.sql("""
                    MERGE INTO sync_guest (name, state, accepted_digest, current_digest, drift, changed_files,
                        drift_since, first_seen, last_seen) KEY (name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .param(s.name()).param(s.state().dbValue()).param(s.acceptedDigest()).param(s.currentDigest())
                    .param(s.drift()).param(joinFiles(s.changedFiles())).param(time(s.driftSince()))
                    .param(time(s.firstSeen())).param(time(s.lastSeen()))
                    .update();
            if (files != null) {
                jdbc.sql("DELETE FROM sync_guest_file WHERE guest = ?").param(s.name()).update();
                for (FileRow f : files) {
                    jdbc.sql("INSERT INTO sync_guest_file (guest, path, fingerprint, content) VALUES (?, ?, ?, ?)")
                            .param(s.name()).param(f.path()).param(f.fingerprint()).param(f.content()).update();
                }
            }
        });
    }

    void touch(String name, Instant seen) {
        jdbc.sql("UPDATE sync_guest SET last_seen = ? WHERE name = ?").param(time(seen)).param(name).update();
    }

    Map<String, FileRow> files(String guest) {
        Map<String, FileRow> out = new LinkedHashMap<>();
        jdbc.sql("SELECT path, fingerprint, content FROM sync_guest_file WHERE guest = ? ORDER BY path").param(guest)
                .query((rs, n) -> new FileRow(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .list().forEach(f -> out.put(f.path(), f));
        return out;
    }

    // ---- intents ----------------------------------------------------------------------------

    /** Inserts and commits at once, whatever transaction the caller is in. */
    long insertIntent(String correlationId, String actor, String action, @Nullable String guest, @Nullable Integer xid,
            @Nullable String beforeDigest, @Nullable String beforeJson) {
        Long id = ownTransaction.execute(tx -> {
            var keys = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO intent (correlation_id, actor, action, target_guest, target_xid, before_digest,
                        before_json, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .param(correlationId).param(actor).param(action).param(guest).param(xid).param(beforeDigest)
                    .param(beforeJson).param(time(Instant.now()))
                    .update(keys, "id");
            return Objects.requireNonNull(keys.getKey(), "the insert generates the id").longValue();
        });
        return Objects.requireNonNull(id, "the transaction's callback returns the id");
    }

    void finishIntent(long id, String outcome) {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql(
                "UPDATE intent SET finished_at = ?, outcome = ? WHERE id = ? AND finished_at IS NULL")
                .param(time(Instant.now())).param(clip(outcome, 40)).param(id).update());
    }

    /**
     * Adds the files an open intent is about to touch, committed at once (before the first file
     * is written), after any recorded before for it.
     */
    void insertIntentFiles(long intentId, List<org.vsconsole.host.config.PlannedFile> files) {
        ownTransaction.executeWithoutResult(tx -> {
            int seq = jdbc.sql("SELECT COALESCE(MAX(seq), -1) + 1 FROM intent_file WHERE intent_id = ?").param(intentId)
                    .query(Integer.class).single();
            for (var f : files) {
                jdbc.sql("""
                        INSERT INTO intent_file (intent_id, seq, path, before_print, after_print, before_content)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                        .param(intentId).param(seq++).param(f.path()).param(f.before()).param(f.after())
                        .param(f.beforeContent()).update();
            }
        });
    }

    /** The files an intent planned, in the order they were to be written. */
    List<org.vsconsole.host.config.PlannedFile> intentFiles(long intentId) {
        return jdbc.sql("SELECT path, before_print, after_print, before_content FROM intent_file WHERE intent_id = ? ORDER BY seq")
                .param(intentId)
                .query((rs, n) -> new org.vsconsole.host.config.PlannedFile(rs.getString("path"), rs.getString("before_print"),
                        rs.getString("after_print"), rs.getBytes("before_content")))
                .list();
    }

    List<Intent> openIntents() {
        return jdbc.sql("SELECT * FROM intent WHERE finished_at IS NULL ORDER BY id").query(SyncRepository::intent).list();
    }

    Optional<Intent> intent(long id) {
        return jdbc.sql("SELECT * FROM intent WHERE id = ?").param(id).query(SyncRepository::intent).optional();
    }

    // ---- mapping ----------------------------------------------------------------------------

    private static GuestSyncStatus status(ResultSet rs, int n) throws SQLException {
        String changed = rs.getString("changed_files");
        return new GuestSyncStatus(rs.getString("name"), SyncState.fromDb(rs.getString("state")),
                rs.getString("accepted_digest"), rs.getString("current_digest"), rs.getBoolean("drift"),
                changed == null || changed.isEmpty() ? List.of() : Arrays.asList(changed.split("\n")),
                instant(rs, "drift_since"), required(instant(rs, "first_seen")), required(instant(rs, "last_seen")));
    }

    private static Intent intent(ResultSet rs, int n) throws SQLException {
        int xidValue = rs.getInt("target_xid");
        Integer xid = rs.wasNull() ? null : xidValue;
        return new Intent(rs.getLong("id"), rs.getString("correlation_id"), rs.getString("actor"),
                rs.getString("action"), rs.getString("target_guest"), xid,
                rs.getString("before_digest"), rs.getString("before_json"), required(instant(rs, "started_at")),
                instant(rs, "finished_at"), rs.getString("outcome"));
    }

    private static @Nullable String joinFiles(List<String> files) {
        if (files.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String f : files) {
            if (sb.length() + f.length() + 1 > 3990) {
                sb.append("\n…");
                break;
            }
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(f);
        }
        return sb.toString();
    }

    /** A column declared NOT NULL. */
    private static Instant required(@Nullable Instant value) {
        return Objects.requireNonNull(value, "the column is NOT NULL");
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
