package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vsconsole.e2e.RunningConsole;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;

/**
 * A second host on this machine: its own config root, guest root, cgroup parent and bridge, behind
 * a real OpenSSH server started here on a loopback port with its own host key. The console's key
 * may only run the agent there (a forced command); the console pins the host key, runs a real
 * unprivileged guest through that agent, and sees the host go and come back with sshd.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SshAgentIT {

    private static final int XID = 4261;
    private static final String BRIDGE = "vsbrremote";

    private static Path dir;
    private static Path hostData;
    private static int port;
    private static Process sshd;
    private static SshIdentity identity;
    private static String hostKeyFingerprint;
    private static SshAgentConnector.Target target;

    @BeforeAll
    static void startSecondHost() throws Exception {
        assertThat(Path.of("/usr/sbin/sshd")).as("OpenSSH's server (scripts/test.sh installs openssh-server)").exists();
        dir = Files.createTempDirectory("vsc-ssh-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        hostData = dir.resolve("host2");
        Path guest = Files.createDirectories(hostData.resolve("host/etc/vservers/remote1"));
        Files.writeString(guest.resolve("context"), XID + "\n");
        Files.createDirectories(guest.resolve("uts"));
        Files.writeString(guest.resolve("uts/nodename"), "remote1-node\n");
        Files.createSymbolicLink(guest.resolve("vdir"), hostData.resolve("host/var/lib/vservers/remote1"));

        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        hostKeyFingerprint = run("ssh-keygen", "-lf", dir.resolve("host_key.pub").toString()).split(" ")[1];
        identity = SshIdentity.loadOrCreate(dir.resolve("console/id_ecdsa"));
        String agent = String.join(" ", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", RunningConsole.findJar().toAbsolutePath().toString(), "agent", "--stdio",
                "--vsconsole.data-dir=" + hostData, "--vsconsole.host.driver=linux", "--vsconsole.linux.cgroup-parent=vsc-remote",
                "--vsconsole.linux.bridge=" + BRIDGE, "--vsconsole.provisioning.address-pool=10.244.0.0/24");
        Files.writeString(dir.resolve("authorized_keys"), identity.authorizedKeysLine(agent) + "\n");
        port = RunningConsole.freePort();
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"), "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PermitRootLogin forced-commands-only",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
                // the test's files sit in a temporary folder, not a home OpenSSH would vouch for
                "StrictModes no", "LogLevel VERBOSE", ""));
        Files.createDirectories(Path.of("/run/sshd"));
        startSshd();
        target = new SshAgentConnector.Target("127.0.0.1", port, "root");
    }

    @AfterAll
    static void stopSecondHost() throws Exception {
        if (!sshd.isAlive()) {
            startSshd();
        }
        try (SshAgentConnector connector = connector(hostKeyFingerprint)) {
            AgentHostDriver driver = AgentHostDriver.overSsh(connector);
            GuestSpec guest = spec();
            if (driver.isRunning(guest)) {
                driver.stop(guest, Duration.ofSeconds(5));
            }
            driver.deleteRoot(guest);
        } finally {
            stopSshd();
            RunningConsole.cleanUpHost(hostData, BRIDGE);
            new ProcessBuilder("rm", "-rf", "--one-file-system", "--", dir.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void theConsoleSeesTheHostKeyAnAdminComparesBeforeTrustingIt() throws Exception {
        assertThat(SshAgentConnector.probeHostKey(target, Duration.ofSeconds(20))).isEqualTo(hostKeyFingerprint)
                .startsWith("SHA256:");
        assertThat(identity.authorizedKeysLine("x")).startsWith("command=\"x\",restrict ecdsa-sha2-nistp256 AAAA");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("console/id_ecdsa"))))
                .isEqualTo("rw-------");
        assertThat(SshIdentity.loadOrCreate(dir.resolve("console/id_ecdsa")).publicKeyLine()).isEqualTo(identity.publicKeyLine());
    }

    @Test
    void aHostShowingAnotherKeyIsRefusedBeforeTheConsoleLogsIn() throws Exception {
        try (SshAgentConnector connector = connector("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            assertThatThrownBy(() -> AgentHostDriver.overSsh(connector)).isInstanceOf(HostOperationException.class)
                    .hasMessageContaining("cannot reach the host agent over SSH");
        }
    }

    @Test
    void aRealGuestRunsOnTheSecondHostAndTheHostComesBackAfterSshdWasGone() throws Exception {
        try (SshAgentConnector connector = connector(hostKeyFingerprint)) {
            AgentHostDriver driver = AgentHostDriver.overSsh(connector);
            assertThat(driver.name()).isEqualTo("linux");
            GuestSpec guest = spec();

            driver.buildRoot(guest, BuildRequest.skeleton(), line -> {
            });
            driver.start(guest);
            assertThat(driver.isRunning(guest)).isTrue();
            assertThat(driver.figures(List.of(guest)).get(XID).processes()).isPositive();
            driver.setLimitLive(guest, "nofile", new LimitValues(30, 40));
            int init = driver.processes(guest).stream().filter(p -> p.guestPid() == 1).findFirst().orElseThrow().pid();
            assertThat(Files.readAllLines(Path.of("/proc/" + init + "/limits")))
                    .anyMatch(l -> l.matches("Max open files\\s+30\\s+40\\s+files\\s*"));
            assertThat(Path.of("/sys/fs/cgroup/pids/vsc-remote/" + XID)).as("the second host's own cgroup parent").exists();

            stopSshd();
            // OpenSSH leaves a session's agent running until its channel closes: end ours as a network would
            run("pkill", "-f", "--", "agent --stdio --vsconsole.data-dir=" + hostData);
            assertThatThrownBy(() -> driver.isRunning(guest)).isInstanceOf(HostOperationException.class)
                    .hasMessageContaining("host agent");
            assertThatThrownBy(() -> driver.isRunning(guest)).isInstanceOf(HostOperationException.class)
                    .hasMessageContaining("cannot reach the host agent over SSH");

            startSshd();
            assertThat(driver.isRunning(guest)).as("the guest ran on while its host was unreachable").isTrue();
            driver.stop(guest, Duration.ofSeconds(5));
            assertThat(driver.isRunning(guest)).isFalse();
        }
    }

    private static SshAgentConnector connector(String pin) {
        return new SshAgentConnector(target, pin, identity, Duration.ofSeconds(20));
    }

    private static GuestSpec spec() {
        return new GuestSpec("remote1", XID, hostData.resolve("host/etc/vservers/remote1"),
                hostData.resolve("host/var/lib/vservers/remote1"), "remote1-node", null, "16m", List.of(), Map.of());
    }

    private static void startSshd() throws Exception {
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/ssh-agent-it-sshd.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            assertThat(sshd.isAlive()).as("sshd runs; see target/ssh-agent-it-sshd.log").isTrue();
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                assertThat(System.nanoTime()).as("sshd listens within 20 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static void stopSshd() throws InterruptedException {
        if (sshd != null && sshd.isAlive()) {
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.strip();
    }
}
