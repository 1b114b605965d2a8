package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vsconsole.host.agent.AgentSocketProbe;

/**
 * The README's run command started as root: the web tier that answers HTTP runs as the web user
 * without capabilities, the host agent keeps root behind a socket no other user can use, and a
 * guest is still created, started, limited and deleted through the unprivileged web tier.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SplitConsoleIT {

    private static final String PASSWORD = "Split-Console-Test-7";
    private static final String BRIDGE = "vsbrsplit";

    private static Path data;
    private static int port;
    private static int contextBlock;
    private static Process console;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startAsRoot() throws Exception {
        data = Files.createTempDirectory("vsc-split-it");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
        port = RunningConsole.freePort();
        contextBlock = ContextBlocks.claim();
        Files.createDirectories(data.resolve("host/etc/vservers/.defaults"));
        Files.writeString(data.resolve("host/etc/vservers/.defaults/context.next"), contextBlock + "\n");
        Path log = Files.createDirectories(Path.of("target", "e2e")).resolve("split-console.log");
        ProcessBuilder run = new ProcessBuilder("bash", "scripts/run.sh", "--server.port=" + port,
                "--vsconsole.admin-password=" + PASSWORD, "--vsconsole.linux.cgroup-parent=vsc-split",
                "--vsconsole.linux.bridge=" + BRIDGE, "--vsconsole.provisioning.address-pool=10.243.0.0/24")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        run.environment().putAll(Map.of("VSCONSOLE_DATA_DIR", data.toString(), "VSCONSOLE_AOT", "off"));
        console = run.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (true) {
            assertThat(console.isAlive()).as("run.sh runs; see " + log).isTrue();
            try {
                if (get("/api/v1/me").statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("the console answers within 240 s; see " + log).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        List<ProcessHandle> all = Stream.concat(Stream.of(console.toHandle()), console.descendants()).toList();
        console.destroy();
        console.waitFor(30, TimeUnit.SECONDS);
        all.forEach(ProcessHandle::destroyForcibly);
        RunningConsole.cleanUpHost(data, BRIDGE);
        ContextBlocks.release(contextBlock);
        RunningConsole.removeTree(data);
    }

    @Test
    void theProcessOnTheHttpPortIsNotRootAndHasNoCapabilities() throws Exception {
        long pid = listener(port).orElseThrow(() -> new AssertionError("no process listens on " + port));
        Map<String, String> status = status(pid);
        String webUid = new String(new ProcessBuilder("id", "-u", "vsconsole").start().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).strip();

        assertThat(status.get("Uid").split("\\s+")).as("real, effective, saved and file uid").containsOnly(webUid);
        assertThat(webUid).isNotEqualTo("0");
        assertThat(status.get("CapEff")).isEqualTo("0000000000000000");
        assertThat(status.get("CapBnd")).isEqualTo("0000000000000000");
        assertThat(status.get("NoNewPrivs")).isEqualTo("1");
        Path db = data.resolve("web/db/vsconsole.mv.db");
        assertThat(Files.getOwner(db).getName()).isEqualTo("vsconsole");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
    }

    @Test
    void theAgentsSocketIsClosedToOtherUsers() throws Exception {
        Path socket = data.resolve("agent/agent.sock");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
        assertThat(Files.getOwner(socket).getName()).isEqualTo("root");
        assertThat(Files.getAttribute(socket, "posix:group").toString()).isEqualTo("vsconsole");

        assertThat(AgentSocketProbe.asNobody(socket, false)).isEqualTo("refused: Permission denied");
    }

    @Test
    void theUnprivilegedWebTierStillRunsAGuestThroughTheAgent() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/guests", "{\"name\":\"split1\",\"build\":{\"method\":\"skeleton\"}}", null);
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201, 202);
        awaitJob(created.body().replaceAll("(?s)^\\{\"id\":([0-9]+).*", "$1"));
        assertThat(data.resolve("host/var/lib/vservers/split1/sbin/init")).exists();

        assertThat(send("POST", "/api/v1/guests/split1/start", null, null).statusCode()).isIn(200, 202);
        awaitGuest("split1", "\"state\":\"running\"");
        assertThat(get("/api/v1/guests/split1/processes").body()).contains("\"guestPid\":1");
        assertThat(get("/api/v1/guests/split1/disk-usage").body()).contains("\"complete\":true");

        // the config tree is the agent's: the web tier reads it, and its changes are made by the agent
        Path config = data.resolve("host/etc/vservers");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rwxr-x---");
        assertThat(Files.getAttribute(config, "posix:group").toString()).isEqualTo("vsconsole");
        assertThat(Files.getOwner(config.resolve("split1")).getName()).isEqualTo("root");
        assertThat(asWebUser("touch", config.resolve("split1/by-the-web-user").toString()).exitValue())
                .as("the web user may not write the tree").isNotZero();
        String before = field(get("/api/v1/guests/split1").body(), "digest");
        HttpResponse<String> limited = send("PUT", "/api/v1/guests/split1/limits", "{\"limits\":{\"nproc\":{\"soft\":300,"
                + "\"hard\":400}},\"live\":true,\"persistent\":true,\"digest\":\"" + before + "\"}", null);
        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(200);
        assertThat(Files.readString(config.resolve("split1/rlimits/nproc.soft"))).isEqualTo("300\n");
        assertThat(Files.getOwner(config.resolve("split1/rlimits/nproc.hard")).getName()).isEqualTo("root");
        assertThat(get("/api/v1/guests/split1/limits").body()).contains("\"savedSoft\":300");
        assertThat(get("/api/v1/sync/guests/split1").body()).as("the console's own write is not drift").contains("\"drift\":false");

        assertThat(send("POST", "/api/v1/guests/split1/stop", null, null).statusCode()).isIn(200, 202);
        awaitGuest("split1", "\"state\":\"stopped\"");
        String digest = field(get("/api/v1/guests/split1").body(), "digest");
        assertThat(send("DELETE", "/api/v1/guests/split1", null, "\"" + digest + "\"").statusCode()).isEqualTo(200);
        assertThat(data.resolve("host/var/lib/vservers/split1")).doesNotExist();
        assertThat(get("/api/v1/audit").body()).contains("\"action\":\"guest.delete\",\"targetGuest\":\"split1\"");
    }

    private static Process asWebUser(String... argv) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of("setpriv", "--reuid=vsconsole", "--regid=vsconsole", "--init-groups", "--"));
        command.addAll(List.of(argv));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return p;
    }

    private static void awaitJob(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get("/api/v1/jobs/" + id).body();
            if (!body.contains("\"state\":\"running\"") && !body.contains("\"state\":\"queued\"")) {
                assertThat(body).as("job " + id).contains("\"state\":\"succeeded\"");
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("job " + id + " did not finish: " + body);
    }

    private static void awaitGuest(String name, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get("/api/v1/guests").body();
            if (body.contains("\"name\":\"" + name + "\"") && body.contains(state)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(name + " never reached " + state + ": " + body);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, null);
    }

    private static HttpResponse<String> send(String method, String path, String json, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The process holding the listening TCP socket on {@code port}, found as the kernel lists it. */
    private static Optional<Long> listener(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        java.util.Set<String> inodes = new java.util.HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    inodes.add("socket:[" + f[9] + "]");
                }
            }
        }
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.map(ProcessHandle::pid).filter(pid -> holdsAny(pid, inodes)).findFirst();
        }
    }

    private static boolean holdsAny(long pid, java.util.Set<String> inodes) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return inodes.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> status(long pid) throws IOException {
        Map<String, String> out = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }
}
