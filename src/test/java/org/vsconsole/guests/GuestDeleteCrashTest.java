package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.host.HostProperties;

/**
 * A console killed in the middle of a delete (after the root tree went, before the config dir
 * did) left a guest that could not start, and recovery at the next start said "not applied" or
 * "partly applied" and left it so. The writer's fault hook "kills" the delete there (an Error
 * nothing catches, so no outcome or audit row of the delete is written, as under SIGKILL); then
 * the start-up recovery runs as after a restart and must finish the delete the user asked for.
 */
@WithMockUser(username = "admin", roles = "ADMIN")
class GuestDeleteCrashTest extends GuestsTestBase {

    /** Stands for the process dying there. */
    static final class SimulatedKill extends Error {

        SimulatedKill() {
            super("simulated SIGKILL between the root tree and the config dir of a delete");
        }
    }

    @Autowired
    GuestService guests;

    @Autowired
    HostProperties host;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void clearHook() {
        writer.faultHook(null);
    }

    @Test
    void aDeleteKilledPartWayIsCompletedAtTheNextStartAndAuditedSo() throws Exception {
        guest("kill-d", 4610, "10.71.0.10");
        Path root = rootWithMarker("kill-d");
        killDuringDelete("kill-d");
        assertThat(root).as("the root tree went before the kill").doesNotExist();
        assertThat(configDir("kill-d")).as("half-removed: the config dir is still there").isDirectory();

        restart();

        assertThat(configDir("kill-d")).doesNotExist();
        assertThat(host.guestsRoot().resolve("kill-d")).doesNotExist();
        var row = lastAudit("intent.recovered", "kill-d");
        assertThat((String) row.get("message")).contains("interrupted guest.delete by admin on 'kill-d': completed after restart")
                .contains("guest is absent");
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            sampler.treeChanged();
            assertThat(guests.list()).noneMatch(g -> g.name().equals("kill-d"));
        });
    }

    @Test
    void completingIsRefusedByTheOwnershipChecksAndWhatIsLeftIsNamed() throws Exception {
        guest("kill-e", 4611, "10.71.0.11");
        rootWithMarker("kill-e");
        killDuringDelete("kill-e");
        // meanwhile the link was pointed at a tree that is not the guest's: never removed by recovery
        Path elsewhere = Files.createTempDirectory("not-a-guest");
        Files.writeString(elsewhere.resolve("precious"), "x");
        Path vdir = configDir("kill-e").resolve("vdir");
        Files.deleteIfExists(vdir);
        Files.createSymbolicLink(vdir, elsewhere);

        restart();

        assertThat(elsewhere.resolve("precious")).exists();
        assertThat(configDir("kill-e")).isDirectory();
        assertThat((String) lastAudit("intent.recovered", "kill-e").get("message")).contains(": partly applied;")
                .contains("completing the delete was refused").contains("is not inside the guests root")
                .contains("left: config directory " + configDir("kill-e"));
    }

    private void killDuringDelete(String guest) {
        writer.faultHook((g, path, done, of) -> {
            if (g.equals(guest)) {
                throw new SimulatedKill();
            }
        });
        assertThatThrownBy(() -> guests.delete(guest, guest)).isInstanceOf(SimulatedKill.class);
        writer.faultHook(null);
    }

    /** What the next process does first: the start-up recovery of intents without an outcome. */
    private void restart() throws Exception {
        context.getBean("intentRecovery", ApplicationRunner.class).run(null);
    }

    private Path rootWithMarker(String guest) throws IOException {
        Path root = host.guestsRoot().resolve(guest);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/marker"), guest);
        return root;
    }

    private Path configDir(String guest) {
        return writer.reader().configRoot().resolve(guest);
    }
}
