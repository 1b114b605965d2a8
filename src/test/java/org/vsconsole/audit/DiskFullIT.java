package org.vsconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vsconsole.e2e.ConsoleJava;
import org.vsconsole.e2e.RunningConsole;

/**
 * F9 for real: the production jar runs with its data directory on a small tmpfs, which is then
 * filled, first below the free-space floor, then to the last byte. The console must turn
 * read-only (503 for a change, reads and Basic sign-in still answered, no redirect to /login),
 * and once the filler is removed, take changes again without a restart, with the held audit rows
 * in the log. Needs root (mount) and {@code target/vserver-console-*.jar}, as the test command has; fails without them.
 */
class DiskFullIT {

    private static final String PASSWORD = "diskfull-IT-Password-77";

    @Test
    void aFullDataDirMakesTheConsoleReadOnlyAndItRecoversWithoutRestart() throws Exception {
        Path mount = mountedTmpfs();
        Process console = null;
        try {
            Path data = mount.resolve("data");
            Files.createDirectories(data);
            int port = RunningConsole.freePort();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Path log = Files.createTempFile("vsconsole-diskfull-it", ".log");
            console = start(data, port, log);
            awaitUp(http, port, console);
            assertThat(send(http, port, "POST", "/api/v1/me/tokens", "{\"name\":\"before\",\"expiresInDays\":7}").statusCode())
                    .isEqualTo(201);
            // a token not used yet: its first use records its last-used time
            String reader = token(send(http, port, "POST", "/api/v1/me/tokens", "{\"name\":\"reader\",\"expiresInDays\":7}"));

            // below the floor (32 MB), not yet out of space
            Path filler = mount.resolve("filler");
            fill(filler, mount, 8L << 20);
            awaitStatus(http, port, "{\"name\":\"below-floor\",\"expiresInDays\":7}", 503);
            // to the last byte
            fill(mount.resolve("filler2"), mount, 0);
            HttpResponse<String> full = send(http, port, "POST", "/api/v1/me/tokens", "{\"name\":\"full\",\"expiresInDays\":7}");
            assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
            assertThat(full.body()).contains("read-only until space is freed");
            HttpResponse<String> me = send(http, port, "GET", "/api/v1/me", null);
            assertThat(me.statusCode()).as("reads and Basic sign-in go on: " + me.body()).isEqualTo(200);
            // reads whose bookkeeping writes (a token's last use, the throttle's counters) met the full disk
            // answered 500 and closed H2 for everyone: now they answer as always and write nothing
            HttpResponse<String> tokened = send(http, port, "GET", "/api/v1/guests", null, "Bearer " + reader);
            assertThat(tokened.statusCode()).as("a token's first use while full: " + tokened.body()).isEqualTo(200);
            HttpResponse<String> wrong = send(http, port, "GET", "/api/v1/me", null, "Basic " + Base64.getEncoder()
                    .encodeToString("admin:not-the-password-at-all".getBytes(StandardCharsets.UTF_8)));
            assertThat(wrong.statusCode()).as("a wrong password while full: " + wrong.body()).isEqualTo(401);
            assertThat(send(http, port, "GET", "/api/v1/me", null).statusCode()).as("still answering").isEqualTo(200);
            // (a page with Basic goes to the sign-in form as always: pages take form sign-in only) the form itself is served
            HttpResponse<String> login = send(http, port, "GET", "/login", null);
            assertThat(login.statusCode()).as("the sign-in page is served while full").isEqualTo(200);

            Files.delete(filler);
            Files.delete(mount.resolve("filler2"));
            awaitStatus(http, port, "{\"name\":\"after\",\"expiresInDays\":7}", 201);
            assertThat(send(http, port, "GET", "/api/v1/guests", null, "Bearer " + reader).statusCode()).isEqualTo(200);
            String audit = send(http, port, "GET", "/api/v1/audit?action=storage.recovered", null).body();
            assertThat(audit).contains("storage.recovered").contains("held while the disk was full written");
            String denied = send(http, port, "GET", "/api/v1/audit?action=token.create", null).body();
            assertThat(denied).contains("held while the disk was full");
            assertThat(send(http, port, "GET", "/api/v1/audit/verify", null).body()).contains("\"ok\":true");
            System.out.println("DiskFullIT log: " + log);
        } finally {
            if (console != null) {
                console.destroyForcibly();
                console.waitFor(30, TimeUnit.SECONDS);
            }
            run("umount", mount.toString());
        }
    }

    /** Writes zeros to {@code file} until the file system of {@code fs} has at most {@code leave} bytes usable. */
    private static void fill(Path file, Path fs, long leave) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (Files.getFileStore(fs).getUsableSpace() > leave) {
                long room = Files.getFileStore(fs).getUsableSpace() - leave;
                out.write(chunk, 0, (int) Math.min(chunk.length, Math.max(room, 1)));
                out.flush();
            }
        } catch (IOException e) {
            if (leave > 0 || !String.valueOf(e.getMessage()).contains("No space")) {
                throw e;
            }
        }
    }

    private static void awaitStatus(HttpClient http, int port, String body, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = send(http, port, "POST", "/api/v1/me/tokens", body);
            if (last.statusCode() == expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "expected " + expected + ", last answer " + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    /**
     * The floor cannot pre-empt everything (another program may fill the disk between two looks):
     * with the floor at zero, H2 itself meets the full disk on a write. The console must still
     * answer a change with 503 (not 500, not a redirect) and recover once space is back.
     */
    @Test
    void whenTheDatabaseItselfMeetsTheFullDiskTheConsoleStillGoesReadOnlyAndRecovers() throws Exception {
        Path mount = mountedTmpfs();
        Process console = null;
        try {
            Path data = mount.resolve("data");
            Files.createDirectories(data);
            int port = RunningConsole.freePort();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Path log = Files.createTempFile("vsconsole-diskfull-h2-it", ".log");
            console = start(data, port, log, "0B");
            awaitUp(http, port, console);
            fill(mount.resolve("filler"), mount, 0);
            HttpResponse<String> full = send(http, port, "POST", "/api/v1/me/tokens", "{\"name\":\"h2-full\",\"expiresInDays\":7}");
            System.out.println("DiskFullIT (H2 meets it) log: " + log + "; answer while full: " + full.statusCode() + " " + full.body());
            assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
            HttpResponse<String> me = send(http, port, "GET", "/api/v1/me", null);
            System.out.println("DiskFullIT (H2 meets it): a read while full answers " + me.statusCode());
            assertThat(me.statusCode()).as("a read while H2 meets the full disk: " + me.body()).isEqualTo(200);
            Files.delete(mount.resolve("filler"));
            awaitStatus(http, port, "{\"name\":\"h2-after\",\"expiresInDays\":7}", 201);
            assertThat(send(http, port, "GET", "/api/v1/audit/verify", null).body()).contains("\"ok\":true");
        } finally {
            if (console != null) {
                console.destroyForcibly();
                console.waitFor(30, TimeUnit.SECONDS);
            }
            run("umount", mount.toString());
        }
    }

    private static Process start(Path data, int port, Path log) throws IOException {
        return start(data, port, log, "32MB");
    }

    private static Process start(Path data, int port, Path log, String minFree) throws IOException {
        List<String> cmd = new ArrayList<>(ConsoleJava.command());
        cmd.addAll(List.of("--server.port=" + port, "--vsconsole.data-dir=" + data, "--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.host.driver=read-only", "--vsconsole.storage.min-free=" + minFree, "--vsconsole.sync.watch=false"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitUp(HttpClient http, int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("console process alive").isTrue();
            try {
                if (send(http, port, "GET", "/api/v1/guests", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("console did not come up on port " + port);
    }

    private static HttpResponse<String> send(HttpClient http, int port, String method, String path, String json) throws Exception {
        return send(http, port, method, path, json,
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static String token(HttpResponse<String> created) {
        var m = java.util.regex.Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> send(HttpClient http, int port, String method, String path, String json,
            String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A 160 MB tmpfs of the test's own. The test command runs as root (README), so a refused mount fails. */
    private static Path mountedTmpfs() throws Exception {
        Path mount = Files.createTempDirectory("vsconsole-diskfull-it");
        assertThat(run("mount", "-t", "tmpfs", "-o", "size=160m,mode=0755", "tmpfs", mount.toString()))
                .as("mounting a tmpfs (the test command runs as root)").isZero();
        return mount;
    }

    private static int run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

}
