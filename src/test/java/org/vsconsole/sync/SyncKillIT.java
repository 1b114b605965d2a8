package org.vsconsole.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vsconsole.e2e.ConsoleJava;
import org.vsconsole.e2e.RunningConsole;

/**
 * F1/AU2 with a real SIGKILL: the production jar runs an action through REST, is killed after the
 * intent is committed and before the outcome (held there by
 * {@code vsconsole.sync.test-pause-after-intent}), restarts, and must report the interrupted
 * action as {@code intent.recovered}. Then the H2 files are deleted and the next start must
 * rebuild the registry from the tree (registry.rebuilt) with the guest's config untouched.
 * Needs {@code target/vserver-console-*.jar} ({@code ./mvnw package}); skipped without it.
 */
class SyncKillIT {

    private static final String PASSWORD = "kill-IT-Password-1234";

    @Test
    void sigkillBetweenIntentAndOutcomeIsRecoveredAtTheNextStart() throws Exception {
        Path data = Files.createTempDirectory("vsconsole-kill-it");
        Path guest = data.resolve("host/etc/vservers/kill1");
        Files.createDirectories(guest.resolve("rlimits"));
        Files.writeString(guest.resolve("context"), "2301\n");
        Files.writeString(guest.resolve("rlimits/nproc"), "100\n");
        int port = RunningConsole.freePort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Process first = start(data, port, "60s", data.resolve("run1.log"));
        try {
            awaitUp(http, port, first);
            http.sendAsync(post(port, "/api/v1/guests/kill1/restart"), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(data.resolve("run1.log")).contains("Test pause after intent")) {
                assertThat(System.nanoTime()).as("intent recorded in time").isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }

        Process second = start(data, port, "0s", data.resolve("run2.log"));
        try {
            awaitUp(http, port, second);
            String audit = get(http, port, "/api/v1/audit?action=intent.recovered");
            assertThat(audit).contains("intent.recovered").contains("guest.restart").contains("kill1");
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }

        // F5-style: the database is gone; the console starts, rebuilds the registry and says so.
        deleteTree(data.resolve("db"));
        Process third = start(data, port, "0s", data.resolve("run3.log"));
        try {
            awaitUp(http, port, third);
            assertThat(get(http, port, "/api/v1/audit?action=registry.rebuilt")).contains("registry.rebuilt").contains("kill1");
            assertThat(Files.readString(data.resolve("run3.log"))).contains("rebuilt it from the config tree");
            assertThat(Files.readString(guest.resolve("rlimits/nproc"))).isEqualTo("100\n");
        } finally {
            third.destroyForcibly();
            third.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process start(Path data, int port, String pause, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(ConsoleJava.command());
        cmd.addAll(List.of("--server.port=" + port, "--vsconsole.data-dir=" + data, "--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.host.driver=read-only", "--vsconsole.sync.test-pause-after-intent=" + pause));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitUp(HttpClient http, int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("console process alive").isTrue();
            try {
                if (http.send(request(port, "/api/v1/guests").GET().build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("console did not come up on port " + port);
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        HttpResponse<String> r = http.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static HttpRequest post(int port, String path) {
        return request(port, path).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static HttpRequest.Builder request(int port, String path) {
        String auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + auth);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
