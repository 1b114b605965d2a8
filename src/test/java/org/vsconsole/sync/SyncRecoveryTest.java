package org.vsconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** F12 start-up reconciliation: interrupted intents, and the registry rebuilt after losing the DB. */
class SyncRecoveryTest extends SyncSpringTestBase {

    @Autowired
    IntentRecovery recovery;
    @Autowired
    SyncRepository repository;

    @Test
    void anIntentWithoutOutcomeIsResolvedAgainstTheTreeAndTheKernel() throws Exception {
        managedGuest("rec1", 2201);
        String digest = reader.readGuest("rec1").digest();
        long write = repository.insertIntent("11111111-1111-1111-1111-111111111111", "alice", "guest.set-boot-mark",
                "rec1", 2201, digest, "{\"startsAtBoot\":false}");
        long start = repository.insertIntent("22222222-2222-2222-2222-222222222222", "bob", "guest.start",
                "rec1", 2201, digest, null);
        long delete = repository.insertIntent("33333333-3333-3333-3333-333333333333", "alice", "guest.delete",
                "rec-gone", 2202, null, null);
        long applied = repository.insertIntent("44444444-4444-4444-4444-444444444444", "alice", "guest.set-boot-mark",
                "rec1", 2201, "0".repeat(64), null);

        assertThat(recovery.recover()).isGreaterThanOrEqualTo(4);

        List<Map<String, Object>> rows = audit("rec1", "intent.recovered");
        assertThat(rows).hasSize(3);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("ACTOR")).isEqualTo("system"));
        assertThat(rows).anySatisfy(r -> assertThat((String) r.get("MESSAGE"))
                .contains("interrupted guest.set-boot-mark by alice on 'rec1': not applied; guest is stopped"));
        assertThat(rows).anySatisfy(r -> assertThat((String) r.get("MESSAGE"))
                .contains("interrupted guest.start by bob on 'rec1': not applied; guest is stopped"));
        assertThat(rows).anySatisfy(r -> assertThat((String) r.get("MESSAGE"))
                .contains("interrupted guest.set-boot-mark").contains(": applied;"));
        assertThat(rows).anySatisfy(r -> assertThat(String.valueOf(r.get("CORRELATION_ID")))
                .isEqualTo("11111111-1111-1111-1111-111111111111"));
        assertThat(audit("rec-gone", "intent.recovered")).singleElement()
                .satisfies(r -> assertThat((String) r.get("MESSAGE")).contains("guest.delete").contains(": applied; guest is absent"));
        for (long id : new long[]{write, start, delete, applied}) {
            assertThat(repository.intent(id).orElseThrow().outcome()).startsWith("interrupted: ");
        }
        assertThat(repository.openIntents()).noneMatch(i -> List.of("rec1", "rec-gone").contains(i.guest()));
    }

    @Test
    void losingTheRegistryRebuildsItFromTheTreeAndSaysSo() throws Exception {
        managedGuest("reb1", 2203);
        managedGuest("reb2", 2204);
        jdbc.sql("DELETE FROM sync_guest").update();

        int rebuilt = sync.rebuildIfEmpty();

        assertThat(rebuilt).isGreaterThanOrEqualTo(2);
        assertThat(repository.find("reb1").orElseThrow().state()).isEqualTo(SyncState.MANAGED);
        assertThat(repository.find("reb2").orElseThrow().acceptedDigest()).isEqualTo(reader.readGuest("reb2").digest());
        assertThat(repository.files("reb1")).containsKey("rlimits/nproc");
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM audit_event WHERE action = 'registry.rebuilt'").query().listOfRows();
        assertThat(rows).isNotEmpty();
        assertThat(rows.getLast().get("ACTOR")).isEqualTo("system");
        assertThat(String.valueOf(rows.getLast().get("AFTER_JSON"))).contains("reb1").contains("reb2");
        // a hand edit after the rebuild is still found
        write(root().resolve("reb1/rlimits/nproc"), "77\n");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2))
                .until(() -> sync.status("reb1").orElseThrow().drift());
    }
}
