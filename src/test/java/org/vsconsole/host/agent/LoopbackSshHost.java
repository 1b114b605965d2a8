package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vsconsole.e2e.RunningConsole;

/**
 * Another host as the console meets it, on this machine: a real OpenSSH server on a loopback port
 * with its own host key, where the console's key may only run the production jar's agent in stdio
 * mode with {@code agentArguments} (its own trees, cgroup parent, bridge). Started and stopped at
 * will, as an unreachable host is.
 */
public final class LoopbackSshHost implements AutoCloseable {

    final Path dir;
    public final int port;
    public final String hostKeyFingerprint;
    final SshIdentity identity;
    final SshAgentConnector.Target target;
    private Process sshd;

    LoopbackSshHost(Path dir, List<String> agentArguments) throws Exception {
        this(dir, agentArguments, dir.resolve("console/id_ecdsa"));
    }

    /** As the console whose key pair is (or will be made) at {@code consoleKey} would be let in. */
    public LoopbackSshHost(Path dir, List<String> agentArguments, Path consoleKey) throws Exception {
        this(dir, consoleKey, productionAgent(agentArguments));
    }

    /** As above, letting the console's key run {@code agent} (a command line) instead of the production jar's agent. */
    public LoopbackSshHost(Path dir, Path consoleKey, List<String> agent) throws Exception {
        assertThat(Path.of("/usr/sbin/sshd")).as("OpenSSH's server (scripts/test.sh installs openssh-server)").exists();
        this.dir = dir;
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        hostKeyFingerprint = run("ssh-keygen", "-lf", dir.resolve("host_key.pub").toString()).split(" ")[1];
        identity = SshIdentity.loadOrCreate(consoleKey);
        Files.writeString(dir.resolve("authorized_keys"), identity.authorizedKeysLine(String.join(" ", agent)) + "\n");
        port = RunningConsole.freePort();
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"), "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PermitRootLogin forced-commands-only",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
                // the test's files sit in a temporary folder, not a home OpenSSH would vouch for
                "StrictModes no", "LogLevel VERBOSE", ""));
        Files.createDirectories(Path.of("/run/sshd"));
        target = new SshAgentConnector.Target("127.0.0.1", port, "root");
        start();
    }

    private static List<String> productionAgent(List<String> agentArguments) throws java.io.IOException {
        List<String> agent = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", RunningConsole.findJar().toAbsolutePath().toString(), "agent", "--stdio"));
        agent.addAll(agentArguments);
        return agent;
    }

    public SshAgentConnector connector(String pinnedFingerprint) {
        return new SshAgentConnector(target, pinnedFingerprint, identity, Duration.ofSeconds(20));
    }

    public void start() throws Exception {
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/loopback-sshd.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            assertThat(sshd.isAlive()).as("sshd runs; see target/loopback-sshd.log").isTrue();
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                assertThat(System.nanoTime()).as("sshd listens within 20 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /** Stops the listening sshd; sessions already open go on, as OpenSSH's do. */
    public void stop() throws InterruptedException {
        if (sshd != null && sshd.isAlive()) {
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public boolean running() {
        return sshd != null && sshd.isAlive();
    }

    /**
     * Ends the agents this host's sshd runs for {@code hostData}, as a network outage would: killed
     * outright, and gone before this returns, so no answer of theirs can still be on its way.
     */
    public static void killAgents(Path hostData) throws Exception {
        String pattern = "agent --stdio --vsconsole.data-dir=" + hostData;
        run("pkill", "-KILL", "-f", "--", pattern);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!run("pgrep", "-f", "--", pattern).isEmpty()) {
            assertThat(System.nanoTime()).as("the agents end within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    public static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.strip();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
