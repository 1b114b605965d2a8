package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    private static LoopbackSshHost host;

    @BeforeAll
    static void startSecondHost() throws Exception {
        dir = Files.createTempDirectory("vsc-ssh-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        hostData = dir.resolve("host2");
        Path guest = Files.createDirectories(hostData.resolve("host/etc/vservers/remote1"));
        Files.writeString(guest.resolve("context"), XID + "\n");
        Files.createDirectories(guest.resolve("uts"));
        Files.writeString(guest.resolve("uts/nodename"), "remote1-node\n");
        Files.createSymbolicLink(guest.resolve("vdir"), hostData.resolve("host/var/lib/vservers/remote1"));
        host = new LoopbackSshHost(dir, List.of("--vsconsole.data-dir=" + hostData, "--vsconsole.host.driver=linux",
                "--vsconsole.linux.cgroup-parent=vsc-remote", "--vsconsole.linux.bridge=" + BRIDGE,
                "--vsconsole.provisioning.address-pool=10.244.0.0/24"));
    }

    @AfterAll
    static void stopSecondHost() throws Exception {
        if (!host.running()) {
            host.start();
        }
        try (SshAgentConnector connector = host.connector(host.hostKeyFingerprint)) {
            AgentHostDriver driver = AgentHostDriver.overSsh(connector);
            GuestSpec guest = spec();
            if (driver.isRunning(guest)) {
                driver.stop(guest, Duration.ofSeconds(5));
            }
            driver.deleteRoot(guest);
        } finally {
            host.close();
            RunningConsole.cleanUpHost(hostData, BRIDGE);
            RunningConsole.removeTree(dir);
        }
    }

    @Test
    void theConsoleSeesTheHostKeyAnAdminComparesBeforeTrustingIt() throws Exception {
        assertThat(SshAgentConnector.probeHostKey(host.target, Duration.ofSeconds(20))).isEqualTo(host.hostKeyFingerprint)
                .startsWith("SHA256:");
        assertThat(host.identity.authorizedKeysLine("x")).startsWith("command=\"x\",restrict ecdsa-sha2-nistp256 AAAA");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("console/id_ecdsa"))))
                .isEqualTo("rw-------");
        assertThat(SshIdentity.loadOrCreate(dir.resolve("console/id_ecdsa")).publicKeyLine()).isEqualTo(host.identity.publicKeyLine());
    }

    @Test
    void aHostShowingAnotherKeyIsRefusedBeforeTheConsoleLogsIn() throws Exception {
        try (SshAgentConnector connector = host.connector("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            assertThatThrownBy(() -> AgentHostDriver.overSsh(connector)).isInstanceOf(HostOperationException.class)
                    .hasMessageContaining("cannot reach the host agent over SSH");
        }
    }

    @Test
    void aRealGuestRunsOnTheSecondHostAndTheHostComesBackAfterSshdWasGone() throws Exception {
        try (SshAgentConnector connector = host.connector(host.hostKeyFingerprint)) {
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

            host.stop();
            // OpenSSH leaves a session's agent running until its channel closes: end ours as a network would
            LoopbackSshHost.killAgents(hostData);
            assertThatThrownBy(() -> driver.isRunning(guest)).isInstanceOf(HostOperationException.class)
                    .hasMessageContaining("host agent");
            assertThatThrownBy(() -> driver.isRunning(guest)).isInstanceOf(HostOperationException.class)
                    .hasMessageContaining("cannot reach the host agent over SSH");
            assertThatThrownBy(() -> driver.isRunning(guest)).as("answered at once until the next try is due")
                    .hasMessageStartingWith("unreachable: cannot reach the host agent over SSH");

            host.start();
            // tried again with back-off: within a minute of sshd's return at the latest
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(70);
            Boolean running = null;
            while (running == null) {
                try {
                    running = driver.isRunning(guest);
                } catch (HostOperationException e) {
                    assertThat(e).hasMessageContaining("unreachable: ");
                    assertThat(System.nanoTime()).as("reached again within 70 s").isLessThan(deadline);
                    Thread.sleep(250);
                }
            }
            assertThat(running).as("the guest ran on while its host was unreachable").isTrue();
            driver.stop(guest, Duration.ofSeconds(5));
            assertThat(driver.isRunning(guest)).isFalse();
        }
    }

    private static GuestSpec spec() {
        return new GuestSpec("remote1", XID, hostData.resolve("host/etc/vservers/remote1"),
                hostData.resolve("host/var/lib/vservers/remote1"), "remote1-node", null, "16m", List.of(), Map.of());
    }
}
