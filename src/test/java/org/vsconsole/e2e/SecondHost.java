package org.vsconsole.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.vsconsole.host.agent.AgentHostDriver;
import org.vsconsole.host.agent.LoopbackSshHost;
import org.vsconsole.host.agent.SshAgentConnector;

/**
 * A second host on this machine for a journey: a host agent on the linux driver with its own
 * trees, cgroup parent, bridge and address pool, behind a real OpenSSH server on a loopback port
 * that lets the console's key run that agent only. Closing it stops its guests, the bridge and
 * the sshd, and removes its trees.
 */
final class SecondHost implements AutoCloseable {

    final Path dir;
    /** The agent's data directory: its trees are under {@code host/etc/vservers} and {@code host/var/lib/vservers}. */
    final Path data;
    final LoopbackSshHost ssh;
    private final String bridge;

    private SecondHost(Path dir, Path data, LoopbackSshHost ssh, String bridge) {
        this.dir = dir;
        this.data = data;
        this.ssh = ssh;
        this.bridge = bridge;
    }

    static SecondHost start(RunningConsole console, String name, String cgroupParent, String bridge, String pool) throws Exception {
        Path dir = Files.createTempDirectory("vsc-" + name + "-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path data = dir.resolve("host2");
        // the console makes its key pair at first use; the second host lets that key run its agent only
        LoopbackSshHost ssh = new LoopbackSshHost(dir, List.of("--vsconsole.data-dir=" + data, "--vsconsole.host.driver=linux",
                "--vsconsole.linux.cgroup-parent=" + cgroupParent, "--vsconsole.linux.bridge=" + bridge,
                "--vsconsole.provisioning.address-pool=" + pool), console.dataDir().resolve("ssh/id_ecdsa"));
        return new SecondHost(dir, data, ssh, bridge);
    }

    @Override
    public void close() throws Exception {
        try {
            if (!ssh.running()) {
                ssh.start();
            }
            try (SshAgentConnector connector = ssh.connector(ssh.hostKeyFingerprint)) {
                AgentHostDriver driver = AgentHostDriver.overSsh(connector);
                for (var guest : driver.guests()) {
                    if (guest.running()) {
                        driver.stop(guest.name(), Duration.ofSeconds(10));
                    }
                }
            } finally {
                ssh.close();
            }
        } finally {
            RunningConsole.cleanUpHost(data, bridge);
            RunningConsole.removeTree(dir);
        }
    }
}
