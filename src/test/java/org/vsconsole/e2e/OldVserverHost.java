package org.vsconsole.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.vsconsole.host.agent.FakeVserverAgentMain;
import org.vsconsole.host.agent.LoopbackSshHost;
import org.vsconsole.host.linux.SkeletonTrees;
import org.vsconsole.host.vserver.FakeUtilVserver;
import org.vsconsole.host.vserver.UtilVserverGuestConfig;

/**
 * A Linux-VServer host for a journey, as far as one can exist on a stock kernel: a host agent on
 * the vserver driver over the faithful fake util-vserver tools (which record every call), behind
 * a real OpenSSH server on loopback that lets the console's key run that agent only. Its guests
 * are laid out as util-vserver leaves them: config under {@code host/etc/vservers}, a root-owned,
 * unshifted tree under {@code host/var/lib/vservers}. Closing it stops the sshd and removes it all.
 */
final class OldVserverHost implements AutoCloseable {

    final Path dir;
    /** The host's trees: {@code etc/vservers}, {@code var/lib/vservers}, and the fake tools' state under {@code fake}. */
    final Path home;
    final FakeUtilVserver fake;
    final LoopbackSshHost ssh;

    private OldVserverHost(Path dir, Path home, FakeUtilVserver fake, LoopbackSshHost ssh) {
        this.dir = dir;
        this.home = home;
        this.fake = fake;
        this.ssh = ssh;
    }

    static OldVserverHost start(RunningConsole console, String name) throws Exception {
        Path dir = Files.createTempDirectory("vsc-" + name + "-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path home = dir.resolve("host");
        FakeUtilVserver fake = new FakeUtilVserver(Files.createDirectories(home.resolve("fake")));
        Files.writeString(home.resolve("fake/mountinfo"), "");
        Files.createDirectories(home.resolve("etc/vservers"));
        Files.createDirectories(home.resolve("var/lib/vservers"));
        // sshd runs a command line: this JVM's own classes, with the fake agent's main
        Path agent = dir.resolve("agent.sh");
        Files.writeString(agent, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' " + FakeVserverAgentMain.class.getName() + " '" + home + "'\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        LoopbackSshHost ssh = new LoopbackSshHost(dir, console.dataDir().resolve("ssh/id_ecdsa"), List.of(agent.toString()));
        return new OldVserverHost(dir, home, fake, ssh);
    }

    /**
     * Guest {@code name} as util-vserver leaves it, without a static context: a skeleton tree
     * owned by root, one address on {@code eth0}, nproc 300/400, the boot mark, and the parts a
     * stock-kernel host cannot honour (a disk limit, a capability, a personality, scheduler tokens).
     */
    Path legacyGuest(String name, String ip) throws Exception {
        Path root = home.resolve("var/lib/vservers").resolve(name);
        SkeletonTrees.build(root, name);
        UtilVserverGuestConfig.write(home.resolve("etc/vservers").resolve(name), root, name, ip);
        return root;
    }

    @Override
    public void close() throws Exception {
        try {
            ssh.close();
        } finally {
            RunningConsole.removeTree(dir);
        }
    }
}
