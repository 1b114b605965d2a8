package org.vsconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit hash chain against a real H2 file database (fresh per test, migrated by Flyway):
 * an untouched chain verifies; any change made behind the console's back with plain SQL - one
 * column of one row, a deleted, forged or reordered row - is caught and the first broken row named.
 */
class AuditHashChainTest {

    private static final int EVENTS = 20;
    private static final long TAMPERED = 10;

    @TempDir
    Path dir;

    private SingleConnectionDataSource dataSource;
    private JdbcClient jdbc;
    private AuditService audit;

    @BeforeEach
    void freshDatabaseWithTwentyEvents() {
        // One connection for the whole test: fast, and the database file is closed by SHUTDOWN.
        dataSource = new SingleConnectionDataSource("jdbc:h2:file:" + dir.resolve("db/vsconsole") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "",
                true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        audit = new AuditService(new AuditRepository(jdbc), new ActorResolver(), JsonMapper.builder().build(),
                new DataSourceTransactionManager(dataSource), new AuditAnchor(dir.resolve("audit-anchor")));
        for (int i = 1; i <= EVENTS; i++) {
            // Vary every column so each one is non-null in the tampered row and its neighbours.
            Actor actor = new Actor("user" + i, i % 2 == 0 ? "ADMIN" : "OPERATOR,OWNER", "10.0.0." + i);
            AuditTarget target = new AuditTarget("guest-" + i, 1000 + i, "detail " + i);
            Outcome outcome = Outcome.values()[i % 3];
            audit.record(actor, new AuditEntry("guest.action-" + i, target, Map.of("cpu", i), Map.of("cpu", i + 1),
                    outcome, "message " + i, 5L * i), UUID.randomUUID().toString());
        }
    }

    @Test
    void untouchedChainVerifies() {
        ChainVerification result = audit.verify();
        assertThat(result.ok()).as("verification of an untouched chain: %s", result).isTrue();
        assertThat(result.rows()).isEqualTo(EVENTS);
        assertThat(result.firstBrokenSeq()).isNull();
        assertThat(rowCount()).isEqualTo(EVENTS);
    }

    @Test
    void eachRecordLinksToThePreviousOne() {
        List<Map<String, Object>> rows = jdbc.sql("SELECT seq, prev_hash, hash FROM audit_event ORDER BY seq").query().listOfRows();
        assertThat(rows).hasSize(EVENTS);
        assertThat(rows.get(0).get("PREV_HASH")).isEqualTo("0".repeat(64));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("PREV_HASH")).isEqualTo(rows.get(i - 1).get("HASH"));
        }
    }

    static List<Arguments> columnChanges() {
        return List.of(
                Arguments.of("event_time", "DATEADD('SECOND', 1, event_time)"),
                Arguments.of("event_time (1 µs)", "DATEADD('MICROSECOND', 1, event_time)"),
                Arguments.of("actor", "'mallory'"),
                Arguments.of("actor_roles", "'ADMIN,AUDITOR'"),
                Arguments.of("client_addr", "'192.168.1.66'"),
                Arguments.of("client_addr (to null)", "NULL"),
                Arguments.of("action", "'guest.nothing-happened'"),
                Arguments.of("target_guest", "'other-guest'"),
                Arguments.of("target_xid", "target_xid + 1"),
                Arguments.of("target_xid (to null)", "NULL"),
                Arguments.of("target_detail", "'other detail'"),
                Arguments.of("before_json", "'{\"cpu\":99}'"),
                Arguments.of("after_json", "'{\"cpu\":0}'"),
                Arguments.of("after_json (to null)", "NULL"),
                Arguments.of("outcome", "CASE outcome WHEN 'ok' THEN 'failed' ELSE 'ok' END"),
                Arguments.of("message", "'all fine'"),
                Arguments.of("message (trailing space)", "message || ' '"),
                Arguments.of("duration_ms", "duration_ms + 1"),
                Arguments.of("correlation_id", "'00000000-0000-0000-0000-000000000000'"),
                Arguments.of("hash", "REPEAT('f', 64)"),
                Arguments.of("prev_hash", "REPEAT('0', 64)"));
    }

    @ParameterizedTest(name = "changing {0} of row 10 is detected")
    @MethodSource("columnChanges")
    void changingAnySingleColumnIsDetectedAtThatRow(String column, String newValue) {
        String name = column.split(" ")[0];
        int changed = jdbc.sql("UPDATE audit_event SET " + name + " = " + newValue + " WHERE seq = " + TAMPERED).update();
        assertThat(changed).isEqualTo(1);

        ChainVerification result = audit.verify();

        assertThat(result.ok()).as("tampered %s: %s", column, result).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(TAMPERED);
        assertThat(result.rows()).isEqualTo(EVENTS);
        assertThat(result.reason()).isNotBlank();
    }

    @Test
    void deletingAMiddleRowIsDetected() {
        jdbc.sql("DELETE FROM audit_event WHERE seq = ?").param(TAMPERED).update();

        ChainVerification result = audit.verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).as("the row after the gap").isEqualTo(TAMPERED + 1);
        assertThat(result.reason()).contains("expected row " + TAMPERED).contains("missing");
        assertThat(result.rows()).isEqualTo(EVENTS - 1);
    }

    @Test
    void deletingTheLastRowsIsDetectedByTheAnchorOutsideTheDatabase() {
        // Truncating the tail leaves a valid, shorter chain; only the anchor file shows the cut.
        jdbc.sql("DELETE FROM audit_event WHERE seq > 18").update();
        ChainVerification result = audit.verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.rows()).isEqualTo(18);
        assertThat(result.firstBrokenSeq()).isEqualTo(19);
        assertThat(result.reason()).contains("missing");
    }

    @Test
    void forgedRowAppendedAtTheEndIsDetected() {
        String lastHash = jdbc.sql("SELECT hash FROM audit_event WHERE seq = ?").param(EVENTS).query(String.class).single();
        insertForged(EVENTS + 1, lastHash);

        ChainVerification result = audit.verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(EVENTS + 1);
        assertThat(result.reason()).contains("does not match its hash");
    }

    @Test
    void forgedRowInsertedInTheMiddleIsDetected() {
        // Make room at seq 10 by moving rows 10..20 up by one, then slip a forged row in.
        jdbc.sql("UPDATE audit_event SET seq = seq + 1000 WHERE seq >= ?").param(TAMPERED).update();
        jdbc.sql("UPDATE audit_event SET seq = seq - 999 WHERE seq >= 1000").update();
        String prevHash = jdbc.sql("SELECT hash FROM audit_event WHERE seq = ?").param(TAMPERED - 1).query(String.class).single();
        insertForged(TAMPERED, prevHash);

        ChainVerification result = audit.verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(TAMPERED);
        assertThat(result.rows()).isEqualTo(EVENTS + 1);
    }

    @Test
    void forgedRowWithoutSeqGapIsDetected() {
        // A forger who replaces row 10 entirely with a plausible row (correct link, made-up hash).
        String prevHash = jdbc.sql("SELECT hash FROM audit_event WHERE seq = ?").param(TAMPERED - 1).query(String.class).single();
        jdbc.sql("DELETE FROM audit_event WHERE seq = ?").param(TAMPERED).update();
        insertForged(TAMPERED, prevHash);

        ChainVerification result = audit.verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(TAMPERED);
    }

    @Test
    void swappingTwoRowsIsDetected() {
        jdbc.sql("UPDATE audit_event SET seq = -1 WHERE seq = ?").param(TAMPERED).update();
        jdbc.sql("UPDATE audit_event SET seq = ? WHERE seq = ?").params(TAMPERED, TAMPERED + 1).update();
        jdbc.sql("UPDATE audit_event SET seq = ? WHERE seq = -1").param(TAMPERED + 1).update();

        ChainVerification result = audit.verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(TAMPERED);
        assertThat(result.rows()).isEqualTo(EVENTS);
    }

    @Test
    void newEventsAfterTamperingDoNotHideIt() {
        jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE seq = ?").param(TAMPERED).update();
        audit.record(Actor.SYSTEM, AuditEntry.ok("console.start", AuditTarget.NONE, null, null, 0), UUID.randomUUID().toString());

        ChainVerification result = audit.verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(TAMPERED);
        assertThat(result.rows()).isEqualTo(EVENTS + 1);
    }

    @AfterEach
    void closeDatabase() {
        jdbc.sql("SHUTDOWN").update();
        dataSource.destroy();
    }

    private void insertForged(long seq, String prevHash) {
        jdbc.sql("""
                INSERT INTO audit_event (seq, event_time, actor, actor_roles, client_addr, action, outcome, duration_ms,
                  correlation_id, prev_hash, hash)
                VALUES (?, CURRENT_TIMESTAMP, 'admin', 'ADMIN', '127.0.0.1', 'user.delete', 'ok', 0, ?, ?, ?)
                """).params(seq, UUID.randomUUID().toString(), prevHash, "a".repeat(64)).update();
    }

    private long rowCount() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }
}
