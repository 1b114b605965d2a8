package org.vsconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.NewGuest;

/**
 * A build that makes the config dir itself ({@code vserver NAME build}) is the console's doing:
 * the guest it makes is managed, and one it makes and removes again leaves no trace.
 */
class SyncBuildTest extends SyncSpringTestBase {

    /** Several debounce periods: long enough for the watcher to have looked. */
    private static final long WATCHER_LOOKED_MS = 1000;

    @Autowired
    GuestConfigWriter writer;

    /** What vserver-build writes before the console adds its own files. */
    void buildMakes(String name, int xid) throws Exception {
        Path dir = root().resolve(name);
        write(dir.resolve("name"), name + "\n");
        write(dir.resolve("context"), xid + "\n");
        write(dir.resolve("uts/nodename"), name + "\n");
    }

    @Test
    void aGuestWhoseBuildMadeTheConfigDirIsManagedWithoutAnAppearedOutsideRow() throws Exception {
        writer.buildStarting("built1");
        try {
            buildMakes("built1", 2301);
            Thread.sleep(WATCHER_LOOKED_MS);
            writer.completeBuiltGuest(new NewGuest("built1", 2301, "built1", null, List.of(), null, false, Map.of()));
        } finally {
            writer.buildEnded("built1");
        }

        await().atMost(Duration.ofSeconds(5))
                .until(() -> sync.status("built1").map(s -> s.state() == SyncState.MANAGED && !s.drift()).orElse(false));
        assertThat(audit("built1", "guest.appeared-outside")).isEmpty();
    }

    @Test
    void aConfigDirAFailedBuildMadeAndRemovedLeavesNoTrace() throws Exception {
        writer.buildStarting("built2");
        try {
            buildMakes("built2", 2302);
            Thread.sleep(WATCHER_LOOKED_MS);
            deleteTree(root().resolve("built2"));
        } finally {
            writer.buildEnded("built2");
        }
        Thread.sleep(WATCHER_LOOKED_MS);

        assertThat(sync.status("built2")).isEmpty();
        assertThat(audit("built2", "guest.appeared-outside")).isEmpty();
        assertThat(audit("built2", "guest.removed-outside")).isEmpty();
    }
}
