package org.vsconsole.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.TempDataDir;
import org.vsconsole.host.config.GuestConfigReader;

import static org.awaitility.Awaitility.await;

/**
 * Helpers of the sync tests, on the suite's one Spring context ({@link ConsoleSpringTest}, whose
 * debounce lets a hand edit be reconciled within two seconds). The config tree is shared with
 * every other Spring test, so each test uses guest names and context ids of its own.
 */
@ConsoleSpringTest
abstract class SyncSpringTestBase {

    /** The data dir: staging directories made here are on the config root's file system, so a move into it is atomic. */
    static final Path DATA = TempDataDir.dir();

    @Autowired
    SyncService sync;
    @Autowired
    GuestConfigReader reader;
    @Autowired
    JdbcClient jdbc;

    /**
     * Runs {@code change} and waits until the sync has reconciled {@code guest} after it, with no
     * further reconcile of it due: the sync's own verdict on the change, without sleeping.
     */
    void afterReconcile(String guest, ThrowingRunnable change) throws Exception {
        long before = sync.reconciles(guest);
        change.run();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInSameThread()
                .until(() -> sync.reconciles(guest) > before && !sync.reconcilePending(guest));
    }

    interface ThrowingRunnable {

        void run() throws Exception;
    }

    Path root() {
        return reader.configRoot();
    }

    /** A guest made as the console would: files staged outside the root, moved in, known as created. */
    void managedGuest(String name, int xid) throws IOException {
        Path staging = Files.createTempDirectory(DATA, "stage");
        write(staging.resolve("context"), xid + "\n");
        write(staging.resolve("uts/nodename"), name + ".example.org\n");
        write(staging.resolve("rlimits/nproc"), "100\n");
        write(staging.resolve("fstab"), "none\t/proc\t\tproc\tdefaults\t\t0 0\n");
        sync.consoleCreated(name);
        Files.move(staging, root().resolve(name));
        await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> sync.status(name).map(s -> s.state() == SyncState.MANAGED && !s.drift()).orElse(false));
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    List<Map<String, Object>> audit(String guest, String action) {
        return jdbc.sql("SELECT * FROM audit_event WHERE target_guest = ? AND action = ? ORDER BY seq")
                .params(guest, action).query().listOfRows();
    }

    static void signIn(String user, String... roles) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, "n/a",
                Stream.of(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList()));
    }
}
