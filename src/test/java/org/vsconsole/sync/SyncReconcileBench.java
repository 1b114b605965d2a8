package org.vsconsole.sync;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Prints what reconciling costs with 1000 generated guest trees: the start-up rebuild, a full
 * reconcile with nothing changed, one guest's reconcile, and one watcher event end to end. No
 * timing asserts; named *Bench so the normal test run skips it. Run it alone:
 * {@code ./mvnw -o -q test -Dtest=org.vsconsole.sync.SyncReconcileBench -Dvsconsole.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (it is also skipped without {@code -Dvsconsole.bench=true}, so {@code -Dtest=org.vsconsole.sync.**} stays fast)
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
class SyncReconcileBench {

    static final int GUESTS = 1000;
    static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("vsconsole-sync-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Generates the trees; only runs when the context is built, i.e. when the bench is enabled. */
    static void generate() throws IOException {
        Path root = DATA.resolve("host/etc/vservers");
        for (int i = 0; i < GUESTS; i++) {
            String name = "bench" + i;
            Path g = root.resolve(name);
            write(g.resolve("context"), (1000 + i) + "\n");
            write(g.resolve("uts/nodename"), name + ".example.org\n");
            write(g.resolve("rlimits/nproc"), "200\n");
            write(g.resolve("rlimits/as"), "1000000\n");
            write(g.resolve("fstab"), "none\t/proc\t\tproc\tdefaults\t\t0 0\nnone\t/tmp\t\ttmpfs\tsize=16m,mode=1777\t0 0\n");
            write(g.resolve("interfaces/0/ip"), "10.1." + (i / 250) + "." + (i % 250 + 1) + "\n");
            write(g.resolve("interfaces/0/prefix"), "24\n");
            write(g.resolve("apps/init/mark"), "default\n");
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        if (Files.notExists(DATA.resolve("host"))) {
            generate();
        }
        r.add("vsconsole.data-dir", DATA::toString);
        r.add("vsconsole.host.driver", () -> "read-only");
        r.add("vsconsole.admin-password", () -> "sync-Bench-Password-42");
        r.add("vsconsole.sync.debounce", () -> "200ms");
        r.add("vsconsole.sync.reconcile-interval", () -> "1h");
    }

    @Autowired
    SyncService sync;
    @Autowired
    JdbcClient jdbc;

    @Test
    void bench() throws Exception {
        sync.reconcileAll();
        long best = Long.MAX_VALUE;
        SyncService.ReconcileStats last = null;
        for (int i = 0; i < 3; i++) {
            last = sync.reconcileAll();
            best = Math.min(best, last.millis());
        }
        System.out.printf("BENCH full reconcile, %d guests, nothing changed: best %d ms of 3 (last %d ms), "
                + "files read per guest %.1f, changed %d%n", last.guests(), best, last.millis(),
                (double) last.filesRead() / last.guests(), last.changed());

        jdbc.sql("DELETE FROM sync_guest").update();
        long t0 = System.nanoTime();
        int rebuilt = sync.rebuildIfEmpty();
        System.out.printf("BENCH registry rebuild from the tree: %d guests in %d ms%n", rebuilt, (System.nanoTime() - t0) / 1_000_000);

        long t1 = System.nanoTime();
        int n = 50;
        for (int i = 0; i < n; i++) {
            sync.reconcileGuest("bench" + i);
        }
        System.out.printf("BENCH one guest reconcile, unchanged: %.2f ms%n", (System.nanoTime() - t1) / 1e6 / n);

        long events0 = sync.eventsSeen();
        long t2 = System.nanoTime();
        write(DATA.resolve("host/etc/vservers/bench7/rlimits/nproc"), "201\n");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> sync.status("bench7").orElseThrow().drift());
        long eventMs = (System.nanoTime() - t2) / 1_000_000;
        long t3 = System.nanoTime();
        sync.reconcileGuest("bench7");
        System.out.printf("BENCH one watcher event (hand edit → drift shown): %d ms end to end incl. 200 ms debounce, "
                + "%d raw event(s); reconcile of that guest alone %.2f ms%n", eventMs, sync.eventsSeen() - events0,
                (System.nanoTime() - t3) / 1e6);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
