package org.vsconsole.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The production jar, started as an operator would start it (see {@link ConsoleJava}) with a free
 * port and a fresh data directory. Waits until the login page answers; {@link #close()} stops it;
 * {@link #dumpLog()} prints its log (call it when a test failed).
 */
public final class RunningConsole implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Process process;
    private final List<String> command;
    private final int contextBlock;

    private RunningConsole(Path dataDir, Path log, int port, Process process, List<String> command, int contextBlock) {
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.process = process;
        this.command = command;
        this.contextBlock = contextBlock;
    }

    public static RunningConsole start(String... extraArgs) {
        try {
            Path dataDir = Files.createTempDirectory("vsconsole-e2e-");
            // guests' roots (unprivileged host users) pass through the data directory to their trees
            Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            int port = freePort();
            Path logDir = Files.createDirectories(Path.of("target", "e2e"));
            Path log = logDir.resolve("console-" + port + ".log");
            List<String> command = new java.util.ArrayList<>(ConsoleJava.command("-Xmx512m"));
            command.addAll(List.of("--server.port=" + port, "--vsconsole.data-dir=" + dataDir));
            command.addAll(List.of(extraArgs));
            int contextBlock = ContextBlocks.claim();
            // new guests get context ids no console of another test class running now hands out
            Path configRoot = Stream.of(extraArgs).filter(a -> a.startsWith("--vsconsole.host.config-root=")).findFirst()
                    .map(a -> Path.of(a.substring(a.indexOf('=') + 1))).orElse(dataDir.resolve("host/etc/vservers"));
            Files.createDirectories(configRoot.resolve(".defaults"));
            Files.writeString(configRoot.resolve(".defaults/context.next"), contextBlock + "\n", StandardCharsets.US_ASCII);
            return launch(dataDir, log, port, List.copyOf(command), contextBlock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunningConsole launch(Path dataDir, Path log, int port, List<String> command, int contextBlock)
            throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        RunningConsole console = new RunningConsole(dataDir, log, port, process, command, contextBlock);
        console.awaitLoginPage();
        return console;
    }

    /**
     * Kills the console with SIGKILL, as a crash or an OOM killer would, and starts it again on the
     * same data directory and port; the old instance is unusable afterwards.
     */
    public RunningConsole killAndRestart() {
        try {
            process.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            Files.writeString(log, "\n===== killed with SIGKILL; starting again =====\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            return launch(dataDir, log, port, command, contextBlock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + port + "/" + (path.startsWith("/") ? path.substring(1) : path);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The generated first-start password, as an operator would read it from the data directory. */
    public String initialAdminPassword() {
        try {
            return Files.readString(dataDir.resolve("initial-admin-password"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public void dumpLog() {
        System.err.println("===== console log " + log.toAbsolutePath() + " =====");
        System.err.println(log());
        System.err.println("===== end of console log =====");
    }

    /**
     * Prints the console's threads ({@code jcmd Thread.print}): a console that stops answering
     * shows here what each request thread waits on.
     */
    public void dumpThreads() {
        if (!process.isAlive()) {
            return;
        }
        Path dump = log.resolveSibling("console-" + port + "-threads.txt");
        System.err.println("===== console threads (pid " + process.pid() + ", " + process.info().totalCpuDuration()
                .map(cpu -> cpu.toMillis() + " ms of CPU so far").orElse("CPU time unknown") + ") =====");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(dump.toFile()).start();
            if (!jcmd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
            }
            System.err.println(Files.readString(dump, StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("(no thread dump: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("===== end of console threads =====");
    }

    private void awaitLoginPage() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                dumpLog();
                throw new IllegalStateException("The console exited with " + process.exitValue() + " before it answered");
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(url("login"))).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        dumpLog();
        close();
        throw new IllegalStateException("The console did not answer /login within " + START_TIMEOUT);
    }

    /**
     * Stops the console, then whatever guests it left running (they outlive the console by design)
     * and its bridge and firewall tables, so the next test finds its contexts and addresses free.
     * The data directory goes too (guest trees of up to a GiB each); the console's log stays in
     * {@code target/e2e}.
     */
    @Override
    public void close() {
        stopConsole();
        cleanUpHost(dataDir, command.stream().filter(a -> a.startsWith("--vsconsole.linux.bridge=")).findFirst()
                .map(a -> a.substring(a.indexOf('=') + 1)).orElse(null));
        ContextBlocks.release(contextBlock);
        removeTree(dataDir);
    }

    /**
     * Removes a test's directory as root can: whatever owners and modes its guests gave the files,
     * without crossing into a file system mounted inside. What rm cannot remove, it says.
     */
    public static void removeTree(Path dir) {
        try {
            new ProcessBuilder("rm", "-rf", "--one-file-system", "--", dir.toString()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops what a console on {@code dataDir} left running on the host, as guests and their package
     * cache outlive it: the containers, the cache, and the test's bridge with its firewall tables.
     */
    public static void cleanUpHost(Path dataDir, @org.jspecify.annotations.Nullable String bridge) {
        Path lxcPath = dataDir.resolve("run/lxc");
        if (Files.isDirectory(lxcPath)) {
            try (Stream<Path> containers = Files.list(lxcPath)) {
                containers.filter(Files::isDirectory).forEach(c -> quietly("lxc-stop", "-n", c.getFileName().toString(),
                        "-P", lxcPath.toString(), "-k"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        stopPackageCache(dataDir);
        if (bridge != null) {
            quietly("ip", "link", "del", bridge);
            String table = "vsc_" + bridge.replace('-', '_');
            quietly("nft", "delete table bridge " + table + "; delete table inet " + table);
        }
    }

    /** The guests' package cache outlives the console as the guests do; a test's goes with the test. */
    private static void stopPackageCache(Path dataDir) {
        Path pidFile = dataDir.resolve("run/apt-cache/state/pid");
        try {
            if (Files.exists(pidFile)) {
                String pid = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
                if (pid.matches("[0-9]{1,9}")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                        p.destroy();
                        p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void quietly(String... argv) {
        try {
            new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // the tool is missing: nothing of its kind was made
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopConsole() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The production jar the package phase made; the ITs that start a console of their own use it too. */
    public static Path findJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("vserver-console-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-plain.jar"))
                    .map(Path::toAbsolutePath)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/vserver-console-*.jar: run the package phase first"));
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
