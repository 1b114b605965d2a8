package org.vsconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.limits.LimitEdit;
import org.vsconsole.limits.LimitService;

/**
 * Intents record the before and after of every file they write, so a limits change is all or
 * nothing and recovery tells what really happened. The writer's test hook fails or "crashes"
 * (an Error nothing catches, so no rollback, outcome or audit row runs, as under SIGKILL) between
 * the files of one change; then the start-up recovery runs as after a restart.
 */
class IntentFilesRecoveryTest extends SyncSpringTestBase {

    /** Stands for the process dying there: not an exception, so no handler of the console runs. */
    static final class SimulatedCrash extends Error {

        SimulatedCrash(String where) {
            super("simulated crash after " + where);
        }
    }

    @Autowired
    IntentRecovery recovery;
    @Autowired
    SyncRepository repository;
    @Autowired
    GuestConfigWriter writer;
    @Autowired
    LimitService limits;

    private static final Map<String, LimitEdit> TWO_LIMITS = new LinkedHashMap<>();

    static {
        TWO_LIMITS.put("nproc", new LimitEdit("200", "300"));
        TWO_LIMITS.put("nofile", new LimitEdit("1000", "2000"));
    }

    @AfterEach
    void clear() {
        writer.faultHook(null);
        SecurityContextHolder.clearContext();
    }

    @Test
    void aFailurePartWayThroughALimitsChangePutsBackTheFilesWrittenAndIsAuditedFailed() throws Exception {
        managedGuest("atom1", 2311);
        Map<String, String> before = files("atom1");
        signIn("admin", "ADMIN");
        writer.faultHook((guest, path, done, of) -> {
            if (guest.equals("atom1") && done == 2) {
                throw new IOException("disk said no after " + path);
            }
        });

        assertThatThrownBy(() -> limits.apply("atom1", TWO_LIMITS, false, true, reader.readGuest("atom1").digest()))
                .hasMessageContaining("disk said no");

        assertThat(files("atom1")).as("every file as before: all or nothing").isEqualTo(before);
        assertThat(audit("atom1", "limits.set")).last().satisfies(r -> assertThat(r.get("OUTCOME")).isEqualTo("failed"));
        assertThat(repository.openIntents()).noneMatch(i -> "atom1".equals(i.guest()));
        afterReconcile("atom1", () -> sync.reconcileGuest("atom1"));
        assertThat(sync.status("atom1").orElseThrow().drift()).isFalse();
        assertThat(audit("atom1", "guest.changed-outside")).isEmpty();
    }

    @Test
    void aCrashBetweenTheFilesIsFoundAtTheNextStartNamedFileByFileAndPutBack() throws Exception {
        managedGuest("atom2", 2312);
        Map<String, String> before = files("atom2");
        crashAfter("atom2", 1);

        Map<String, String> half = files("atom2");
        assertThat(half).as("the crash left one file written").isNotEqualTo(before);
        restart("atom2");

        Map<String, Object> row = audit("atom2", "intent.recovered").getLast();
        assertThat((String) row.get("MESSAGE")).contains("interrupted limits.set by admin on 'atom2': not applied (put back)")
                .contains("written [rlimits/nproc.soft]")
                .contains("not written [rlimits/nproc.hard, rlimits/nofile.soft, rlimits/nofile.hard]");
        assertThat(files("atom2")).as("the half-written change was put back").isEqualTo(before);
        afterReconcile("atom2", () -> sync.reconcileGuest("atom2"));
        assertThat(sync.status("atom2").orElseThrow().drift()).isFalse();
        assertThat(audit("atom2", "guest.changed-outside")).as("the console's own write is not an outside change").isEmpty();
    }

    @Test
    void aCrashAfterTheLastFileIsAppliedAndNeverReportedAsChangedOutside() throws Exception {
        managedGuest("atom3", 2313);
        crashAfter("atom3", 4);
        Map<String, String> written = files("atom3");
        restart("atom3");

        assertThat((String) audit("atom3", "intent.recovered").getLast().get("MESSAGE"))
                .contains(": applied;").contains("all 4 files written");
        assertThat(files("atom3")).isEqualTo(written);
        assertThat(written).containsEntry("rlimits/nproc.soft", "200\n").containsEntry("rlimits/nofile.hard", "2000\n");
        afterReconcile("atom3", () -> sync.reconcileGuest("atom3"));
        assertThat(sync.status("atom3").orElseThrow().drift()).isFalse();
        assertThat(audit("atom3", "guest.changed-outside")).isEmpty();
    }

    @Test
    void aPlannedFileSomeoneElseChangedIsNamedAndNothingIsPutBack() throws Exception {
        managedGuest("atom4", 2314);
        crashAfter("atom4", 1);
        write(root().resolve("atom4/rlimits/nofile.hard"), "5000\n");
        restart("atom4");

        assertThat((String) audit("atom4", "intent.recovered").getLast().get("MESSAGE")).contains(": partly applied;")
                .contains("changed by someone else since: [rlimits/nofile.hard]")
                .contains("written by the console: [rlimits/nproc.soft]");
        assertThat(files("atom4")).containsEntry("rlimits/nproc.soft", "200\n").containsEntry("rlimits/nofile.hard", "5000\n");
    }

    /** Runs the two-limit change as admin; the writer "dies" after its {@code n}-th file. */
    private void crashAfter(String guest, int n) {
        signIn("admin", "ADMIN");
        writer.faultHook((g, path, done, of) -> {
            if (g.equals(guest) && done == n) {
                throw new SimulatedCrash(path);
            }
        });
        String digest = reader.readGuest(guest).digest();
        assertThatThrownBy(() -> limits.apply(guest, TWO_LIMITS, false, true, digest)).isInstanceOf(SimulatedCrash.class);
        writer.faultHook(null);
        assertThat(repository.openIntents()).as("the intent has no outcome, as after SIGKILL")
                .anyMatch(i -> guest.equals(i.guest()) && i.action().equals("limits.set"));
    }

    /** What a new process would have: no action of the dead one in progress; then the start-up recovery. */
    private void restart(String guest) {
        sync.endAction(guest);
        recovery.recover();
        assertThat(repository.openIntents()).noneMatch(i -> guest.equals(i.guest()));
    }

    private Map<String, String> files(String guest) throws IOException {
        Path dir = root().resolve(guest);
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

}
