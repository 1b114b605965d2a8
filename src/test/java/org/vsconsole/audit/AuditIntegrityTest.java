package org.vsconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writer checks the database's head against the anchor before appending: rows cut off the end
 * stay reported (they used to be hidden by the next append overwriting the anchor), a deleted
 * anchor is reported and never recreated, and nothing is appended and no action runs until an
 * admin re-anchors, which itself leaves a row saying what was found.
 */
class AuditIntegrityTest {

    @TempDir
    Path dir;

    private SingleConnectionDataSource dataSource;
    private JdbcClient jdbc;
    private AuditService audit;
    private Path anchorFile;

    @BeforeEach
    void tenRows() {
        dataSource = new SingleConnectionDataSource("jdbc:h2:file:" + dir.resolve("db/vsconsole") + ";DB_CLOSE_ON_EXIT=FALSE",
                "sa", "", true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        anchorFile = dir.resolve("audit-anchor");
        audit = new AuditService(new AuditRepository(jdbc), new ActorResolver(), JsonMapper.builder().build(),
                new DataSourceTransactionManager(dataSource), new AuditAnchor(anchorFile));
        for (int i = 1; i <= 10; i++) {
            record("event-" + i);
        }
        assertThat(audit.integrityProblem()).isEmpty();
    }

    @AfterEach
    void close() {
        jdbc.sql("SHUTDOWN").update();
        dataSource.destroy();
    }

    @Test
    void rowsCutOffTheEndStayReportedAndNothingIsAppendedOrDone() {
        jdbc.sql("DELETE FROM audit_event WHERE seq > 7").update();

        record("after-the-cut");
        AtomicBoolean ran = new AtomicBoolean();
        assertThatThrownBy(() -> audit.audited("guest.start", AuditTarget.guest("g1", 2001), null, () -> {
            ran.set(true);
            return null;
        })).isInstanceOf(AuditIntegrityException.class).hasMessageContaining("rows 8 to 10");

        assertThat(ran).as("the refused action did not run").isFalse();
        assertThat(rows()).as("nothing appended onto the cut log").isEqualTo(7);
        assertThat(audit.integrityProblem()).get().asString().contains("cut off");
        ChainVerification verification = audit.verify();
        assertThat(verification.ok()).as("still reported after a write was attempted").isFalse();
        assertThat(verification.reason()).contains("missing");
    }

    @Test
    void aDeletedAnchorIsReportedAndNotRecreated() throws Exception {
        Files.delete(anchorFile);

        record("after-the-anchor-went");

        assertThat(anchorFile).doesNotExist();
        assertThat(rows()).isEqualTo(10);
        assertThat(audit.integrityProblem()).get().asString().contains("anchor file is missing");
        assertThat(audit.verify().ok()).isFalse();
    }

    @Test
    void anAdminReanchorsAfterReviewWhichIsRecordedAndWritesResume() {
        jdbc.sql("DELETE FROM audit_event WHERE seq > 7").update();
        record("refused");
        assertThatThrownBy(() -> audit.reanchor(" ")).hasMessageContaining("reason");

        AuditEvent row = audit.reanchor("reviewed: rows 8-10 were removed by the DB restore of 2026-11-30");

        assertThat(row.seq()).isEqualTo(8);
        assertThat(row.action()).isEqualTo("audit.reanchored");
        assertThat(row.beforeJson()).contains("rows 8 to 10").contains("\"anchor\":\"10 ");
        assertThat(audit.integrityProblem()).isEmpty();
        record("back-to-normal");
        assertThat(rows()).isEqualTo(9);
        assertThat(audit.verify().ok()).isTrue();
        assertThatThrownBy(() -> audit.reanchor("again")).isInstanceOf(org.vsconsole.base.StateConflictException.class);
    }

    @Test
    void aCrashBetweenARowsCommitAndTheAnchorWriteIsNoAlarm() throws Exception {
        String anchored = Files.readString(anchorFile);
        record("committed-but-not-anchored");
        Files.writeString(anchorFile, anchored);

        record("after-restart");

        assertThat(audit.integrityProblem()).isEmpty();
        assertThat(rows()).isEqualTo(12);
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    void twoRowsPastTheAnchorAreAnAlarm() throws Exception {
        String anchored = Files.readString(anchorFile);
        record("one");
        record("two");
        Files.writeString(anchorFile, anchored);

        record("refused");

        assertThat(rows()).isEqualTo(12);
        assertThat(audit.integrityProblem()).get().asString().contains("rows after row 10");
    }

    @Test
    void aLostDatabaseStartsANewChainThatSaysSoAndKeepsTheOldAnchor() throws Exception {
        String old = Files.readString(anchorFile).strip();
        jdbc.sql("DELETE FROM audit_event").update();

        record("after-the-loss");

        assertThat(rows()).isEqualTo(2);
        String first = jdbc.sql("SELECT action || ' ' || message FROM audit_event WHERE seq = 1").query(String.class).single();
        assertThat(first).startsWith("audit.chain-restarted").contains("anchor named row 10");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("audit-anchor.lost-10-")).toList())
                    .singleElement().satisfies(f -> assertThat(Files.readString(f).strip()).isEqualTo(old));
        }
        assertThat(audit.integrityProblem()).isEmpty();
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    void aFirstStartWithNoRowsAndNoAnchorIsFine() throws Exception {
        jdbc.sql("DELETE FROM audit_event").update();
        Files.delete(anchorFile);
        record("first");
        assertThat(rows()).isEqualTo(1);
        assertThat(anchorFile).exists();
        assertThat(audit.integrityProblem()).isEmpty();
    }

    private void record(String action) {
        audit.record(Actor.SYSTEM, AuditEntry.ok(action, AuditTarget.NONE, null, null, 0), UUID.randomUUID().toString());
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }
}
