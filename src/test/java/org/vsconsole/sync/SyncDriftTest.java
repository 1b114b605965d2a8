package org.vsconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.vsconsole.guests.GuestService;
import org.vsconsole.guests.GuestSummary;
import org.vsconsole.host.config.ConfigConflictException;
import org.vsconsole.host.config.GuestConfig;

/** F11 drift while running, console writes not being drift, C1/C2 conflicts, accept and restore. */
class SyncDriftTest extends SyncSpringTestBase {

    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

    @Autowired
    DriftDecisions decisions;

    @Autowired
    GuestService guests;

    @Autowired
    org.vsconsole.limits.LimitService limits;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void handEditOfNprocIsShownAsDriftWithinTwoSecondsWithAnExternalAuditRow() throws Exception {
        managedGuest("drift1", 2101);
        write(root().resolve("drift1/rlimits/nproc"), "250\n");

        await().atMost(TWO_SECONDS).until(() -> sync.status("drift1").orElseThrow().drift());
        GuestSyncStatus status = sync.status("drift1").orElseThrow();
        assertThat(status.changedFiles()).containsExactly("rlimits/nproc");
        await().atMost(TWO_SECONDS).until(() -> !audit("drift1", "guest.changed-outside").isEmpty());
        Map<String, Object> row = audit("drift1", "guest.changed-outside").getLast();
        assertThat(row.get("ACTOR")).isEqualTo("external (detected)");
        assertThat(String.valueOf(row.get("BEFORE_JSON"))).contains("rlimits/nproc").contains("100");
        assertThat(String.valueOf(row.get("AFTER_JSON"))).contains("250");

        signIn("alice", "ADMIN");
        GuestSummary summary = guests.summary("drift1");
        assertThat(summary.changedOutside()).isTrue();
        assertThat(summary.changedFiles()).containsExactly("rlimits/nproc");
        DriftReport report = sync.drift("drift1");
        assertThat(report.diff()).contains("--- a/rlimits/nproc").contains("-100").contains("+250");
    }

    @Test
    void touchingAFileWithoutChangingItIsNotDrift() throws Exception {
        managedGuest("touch1", 2102);
        Path nproc = root().resolve("touch1/rlimits/nproc");
        Files.setLastModifiedTime(nproc, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        afterReconcile("touch1", () -> write(nproc, "100\n"));
        sync.reconcileGuest("touch1");
        assertThat(sync.status("touch1").orElseThrow().drift()).isFalse();
        assertThat(audit("touch1", "guest.changed-outside")).isEmpty();
    }

    @Test
    void aGuestDirectoryMadeByHandAppearsUnmanagedWithinTwoSecondsAndCanBeAdopted() throws Exception {
        Path staging = Files.createTempDirectory(DATA, "hand");
        write(staging.resolve("context"), "2103\n");
        write(staging.resolve("uts/nodename"), "hand1\n");
        Files.move(staging, root().resolve("hand1"));

        await().atMost(TWO_SECONDS).until(() -> sync.status("hand1").map(GuestSyncStatus::unmanaged).orElse(false));
        signIn("alice", "ADMIN");
        await().atMost(TWO_SECONDS).pollInSameThread()
                .until(() -> guests.list().stream().anyMatch(g -> g.name().equals("hand1") && g.unmanaged()));
        await().atMost(TWO_SECONDS).until(() -> !audit("hand1", "guest.appeared-outside").isEmpty());
        assertThat(audit("hand1", "guest.appeared-outside")).singleElement()
                .satisfies(r -> assertThat(r.get("ACTOR")).isEqualTo("external (detected)"));

        decisions.adopt("hand1");
        assertThat(sync.status("hand1").orElseThrow().state()).isEqualTo(SyncState.MANAGED);
        assertThat(audit("hand1", "guest.adopt")).singleElement()
                .satisfies(r -> assertThat(r.get("ACTOR")).isEqualTo("alice"));
    }

    @Test
    void aGuestRemovedByHandDisappearsWithinTwoSecondsAndItsAuditRowsStay() throws Exception {
        managedGuest("gone1", 2104);
        write(root().resolve("gone1/rlimits/nproc"), "300\n");
        await().atMost(TWO_SECONDS).until(() -> !audit("gone1", "guest.changed-outside").isEmpty());

        deleteTree(root().resolve("gone1"));

        await().atMost(TWO_SECONDS).until(() -> sync.status("gone1").orElseThrow().state() == SyncState.REMOVED);
        signIn("alice", "ADMIN");
        assertThat(guests.list()).noneMatch(g -> g.name().equals("gone1"));
        assertThat(audit("gone1", "guest.changed-outside")).isNotEmpty();
        assertThat(audit("gone1", "guest.removed-outside")).singleElement()
                .satisfies(r -> assertThat(r.get("ACTOR")).isEqualTo("external (detected)"));
        assertThat(jdbc.sql("SELECT state FROM sync_guest WHERE name = 'gone1'").query(String.class).single())
                .isEqualTo("removed");
    }

    @Test
    void aConsoleWriteThroughGuestServiceIsNotDriftAndHasAClosedIntent() throws Exception {
        managedGuest("write1", 2105);
        signIn("alice", "ADMIN");

        GuestConfig[] written = new GuestConfig[1];
        afterReconcile("write1", () -> written[0] = guests.setStartsAtBoot("write1", true, null));
        GuestConfig after = written[0];

        sync.reconcileAll();
        GuestSyncStatus status = sync.status("write1").orElseThrow();
        assertThat(status.drift()).isFalse();
        assertThat(status.acceptedDigest()).isEqualTo(after.digest());
        assertThat(audit("write1", "guest.changed-outside")).isEmpty();
        assertThat(guests.summary("write1").changedOutside()).isFalse();
        // AU2: the intent was committed before the effect and closed with its outcome
        List<Map<String, Object>> intents = jdbc.sql("SELECT * FROM intent WHERE target_guest = 'write1'").query().listOfRows();
        assertThat(intents).singleElement().satisfies(i -> {
            assertThat(i.get("ACTION")).isEqualTo("guest.set-boot-mark");
            assertThat(i.get("OUTCOME")).isEqualTo("ok");
            assertThat(i.get("FINISHED_AT")).isNotNull();
        });
    }

    @Test
    void twoUsersSavingTheSameGuestAtOnceTheSecondGetsAConflictAndNothingIsOverwritten() throws Exception {
        managedGuest("race1", 2106);
        signIn("alice", "ADMIN");
        String digest = guests.config("race1").digest();
        SecurityContextHolder.clearContext();

        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Object> results = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // Two different real changes from the same read: alice marks the guest for boot, bob
        // saves an nproc limit. Whichever lands second carries a stale digest.
        for (String user : List.of("alice", "bob")) {
            pool.submit(() -> {
                signIn(user, "OPERATOR");
                try {
                    go.await();
                    if (user.equals("alice")) {
                        guests.setStartsAtBoot("race1", true, digest);
                    } else {
                        limits.apply("race1", java.util.Map.of("nproc", new org.vsconsole.limits.LimitEdit("50", "60")),
                                false, true, digest);
                    }
                    results.add(user);
                } catch (ConfigConflictException e) {
                    results.add(e);
                } catch (Exception e) {
                    results.add(e);
                } finally {
                    SecurityContextHolder.clearContext();
                }
                return null;
            });
        }
        afterReconcile("race1", () -> {
            go.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        });

        // exactly one save wins; the other is refused (per-guest lock busy, or the digest moved on)
        assertThat(results).as(results.toString()).hasSize(2);
        assertThat(results).filteredOn(r -> r instanceof String).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof ConfigConflictException
                || r instanceof org.vsconsole.base.InvalidInputException).hasSize(1);
        String winner = (String) results.stream().filter(r -> r instanceof String).findFirst().orElseThrow();
        boolean marked = Files.exists(root().resolve("race1/apps/init/mark"));
        boolean limited = Files.exists(root().resolve("race1/rlimits/nproc.hard"));
        assertThat(marked).isEqualTo(winner.equals("alice"));
        assertThat(limited).as("the loser wrote nothing").isEqualTo(winner.equals("bob"));
        assertThat(sync.status("race1").orElseThrow().drift()).isFalse();
    }

    @Test
    void twoUsersWhoReadTheSameVersionTheSecondSaveGetsAConflict() throws Exception {
        managedGuest("race3", 2111);
        signIn("alice", "ADMIN");
        String seenByBoth = guests.config("race3").digest();
        afterReconcile("race3", () -> guests.setStartsAtBoot("race3", true, seenByBoth));
        signIn("bob", "OPERATOR");
        assertThatThrownBy(() -> guests.setStartsAtBoot("race3", false, seenByBoth))
                .isInstanceOf(ConfigConflictException.class);
        assertThat(Files.readString(root().resolve("race3/apps/init/mark"))).isEqualTo("default\n");
        assertThat(sync.status("race3").orElseThrow().drift()).isFalse();
    }

    @Test
    void aHandEditBetweenReadAndSaveIsAConflict() throws Exception {
        managedGuest("race2", 2107);
        signIn("alice", "ADMIN");
        String digest = guests.config("race2").digest();
        write(root().resolve("race2/context"), "2177\n");
        assertThatThrownBy(() -> guests.setStartsAtBoot("race2", true, digest)).isInstanceOf(ConfigConflictException.class);
        assertThat(Files.readString(root().resolve("race2/context"))).isEqualTo("2177\n");
        assertThat(Files.exists(root().resolve("race2/apps/init/mark"))).isFalse();
    }

    @Test
    void acceptTakesTheDiskAsTheNewBaseline() throws Exception {
        managedGuest("acc1", 2108);
        write(root().resolve("acc1/rlimits/nproc"), "400\n");
        await().atMost(TWO_SECONDS).until(() -> sync.status("acc1").orElseThrow().drift());
        signIn("alice", "ADMIN");

        decisions.accept("acc1", sync.drift("acc1").currentDigest());

        GuestSyncStatus status = sync.status("acc1").orElseThrow();
        assertThat(status.drift()).isFalse();
        assertThat(status.acceptedDigest()).isEqualTo(reader.readGuest("acc1").digest());
        assertThat(audit("acc1", "guest.drift-accept")).singleElement()
                .satisfies(r -> assertThat(r.get("OUTCOME")).isEqualTo("ok"));
        sync.reconcileGuest("acc1");
        assertThat(sync.status("acc1").orElseThrow().drift()).isFalse();
    }

    @Test
    void restoreWritesBackChangedAndRemovedFilesAndRemovesAddedOnes() throws Exception {
        managedGuest("rest1", 2109);
        write(root().resolve("rest1/rlimits/nproc"), "999\n");
        write(root().resolve("rest1/rlimits/as"), "1000000\n");
        Files.delete(root().resolve("rest1/uts/nodename"));
        await().atMost(TWO_SECONDS).until(() -> sync.status("rest1").orElseThrow().drift());
        signIn("alice", "OPERATOR");
        await().atMost(TWO_SECONDS).pollInSameThread().until(() -> sync.drift("rest1").changes().size() == 3);
        DriftReport report = sync.drift("rest1");
        assertThat(report.changes()).extracting(DriftReport.FileChange::kind).containsExactlyInAnyOrder("added", "changed", "removed");

        afterReconcile("rest1", () -> decisions.restore("rest1", report.currentDigest()));

        assertThat(Files.readString(root().resolve("rest1/rlimits/nproc"))).isEqualTo("100\n");
        assertThat(Files.exists(root().resolve("rest1/rlimits/as"))).isFalse();
        assertThat(Files.readString(root().resolve("rest1/uts/nodename"))).isEqualTo("rest1.example.org\n");
        assertThat(sync.status("rest1").orElseThrow().drift()).isFalse();
        assertThat(audit("rest1", "guest.drift-restore")).singleElement()
                .satisfies(r -> assertThat(r.get("OUTCOME")).isEqualTo("ok"));
        assertThat(sync.status("rest1").orElseThrow().drift()).isFalse();
        try (var leftovers = Files.walk(root().resolve("rest1"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".vsconsole-"));
        }
    }

    @Test
    void auditorsCannotAcceptOrRestore() throws Exception {
        managedGuest("deny1", 2110);
        signIn("carol", "AUDITOR");
        assertThatThrownBy(() -> decisions.accept("deny1", null))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThatThrownBy(() -> decisions.restore("deny1", null))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
