package org.vsconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vsconsole.ConsoleSpringTest;
import tools.jackson.databind.ObjectMapper;

/**
 * A crash between writing the held audit rows and deleting the spill file used to write them a
 * second time at the next start. Each held event has an id now, kept with its row: the same
 * spill replayed twice (the second time read from a copy of the file, as a restart reads it)
 * puts each event in the log once, and the chain stays intact.
 */
@ConsoleSpringTest
@org.springframework.security.test.context.support.WithMockUser(username = "auditor", roles = "AUDITOR")
class SpillReplayTest {

    @Autowired
    StorageGuard storage;

    @Autowired
    AuditService audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @AfterEach
    void roomAgain() {
        storage.minFreeBytes(1);
        storage.check();
    }

    @Test
    void theSameSpillReplayedTwiceWritesEachEventOnce() throws Exception {
        String marker = "spill-replay-" + UUID.randomUUID();
        storage.minFreeBytes(Long.MAX_VALUE);
        assertThat(storage.check()).isFalse();
        audit.record(Actor.SYSTEM, AuditEntry.ok("test.spill-one", AuditTarget.detail(marker), null, null, 0), "c-1");
        audit.record(Actor.SYSTEM, AuditEntry.ok("test.spill-two", AuditTarget.detail(marker), null, null, 0), "c-2");
        // the file as it was when the crash came: rows written, file not yet deleted
        Path copy = Files.createTempFile("spill-copy", ".jsonl");
        Files.copy(storage.held().spillFile(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.readString(copy)).contains("test.spill-one").contains("\"id\":");

        storage.minFreeBytes(1);
        assertThat(storage.check()).isTrue();
        assertThat(rows(marker)).isEqualTo(2);

        // the next start reads the spill file again and replays it
        var replayed = new HeldEvents(copy, json).take();
        assertThat(replayed.events()).hasSizeGreaterThanOrEqualTo(2);
        storage.held().putBack(replayed.events(), 0);
        assertThat(storage.check()).isTrue();

        assertThat(rows(marker)).as("each held event once").isEqualTo(2);
        assertThat(jdbc.sql("SELECT message FROM audit_event WHERE action = 'storage.recovered' ORDER BY seq DESC LIMIT 1")
                .query(String.class).single()).contains("already in");
        assertThat(audit.verify().ok()).isTrue();
    }

    private long rows(String marker) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target_detail = ? AND action LIKE 'test.spill-%'")
                .param(marker).query(Long.class).single();
    }
}
