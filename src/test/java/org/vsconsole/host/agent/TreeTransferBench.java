package org.vsconsole.host.agent;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.e2e.RunningConsole;
import org.vsconsole.host.TreeArchive;
import org.vsconsole.host.TreeRemover;

/**
 * What moving a guest tree costs, in one run: a 200 MiB tree (random bytes, so nothing shrinks)
 * archived and unpacked in one process with nothing between (the floor), then moved between two
 * agents over their sockets, then to an agent behind a loopback sshd, as a migration moves it.
 * Prints MiB/s and the ratio to the floor; asserts nothing. {@code ./mvnw -Pbench test -Dtest=TreeTransferBench}
 */
class TreeTransferBench {

    private static final int MIB = 200;

    @TempDir
    Path temp;

    @Test
    void moveA200MibTree() throws Exception {
        try (FakeVserverAgentBed source = new FakeVserverAgentBed(Files.createDirectories(temp.resolve("a")));
                FakeVserverAgentBed target = new FakeVserverAgentBed(Files.createDirectories(temp.resolve("b")))) {
            Path root = source.guestsRoot.resolve("web1");
            byte[] block = new byte[1 << 20];
            Random random = new Random(7);
            try (var out = Files.newOutputStream(root.resolve("data.bin"))) {
                for (int i = 0; i < MIB; i++) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
            TreeRemover remover = new TreeRemover(Path.of("/proc/self/mountinfo"));
            Path there = target.guestsRoot.resolve("web1");
            remover.remove(there);

            double floor = best(() -> {
                Path copy = temp.resolve("floor/web1");
                Files.createDirectories(copy.getParent());
                try (InputStream archive = TreeArchive.export(root)) {
                    TreeArchive.extract(copy, archive, () -> false, n -> {
                    }, remover);
                }
                remover.remove(copy);
            });
            double socket = best(() -> {
                try (InputStream archive = source.client().exportTree("web1", org.vsconsole.host.TreePass.WHOLE)) {
                    target.client().importTree("web1", archive, MIB << 20, org.vsconsole.host.TreePass.WHOLE, () -> false, n -> {
                    });
                }
                remover.remove(there);
            });
            Path sshDir = Files.createDirectories(temp.resolve("ssh"));
            double ssh;
            try (LoopbackSshHost host = new LoopbackSshHost(sshDir, List.of("--vsconsole.data-dir=" + temp.resolve("data"),
                    "--vsconsole.host.driver=vserver", "--vsconsole.host.config-root=" + target.configRoot,
                    "--vsconsole.host.guests-root=" + target.guestsRoot, "--vsconsole.host.proc-root=" + target.proc,
                    "--vsconsole.host.util-vserver-bin=" + temp.resolve("b/fake/bin")));
                    SshAgentConnector connector = host.connector(host.hostKeyFingerprint)) {
                AgentHostDriver overSsh = AgentHostDriver.overSsh(connector);
                ssh = best(() -> {
                    try (InputStream archive = source.client().exportTree("web1", org.vsconsole.host.TreePass.WHOLE)) {
                        overSsh.importTree("web1", archive, MIB << 20, org.vsconsole.host.TreePass.WHOLE, () -> false, n -> {
                        });
                    }
                    remover.remove(there);
                });
            }
            System.out.printf("TreeTransferBench: a %d MiB tree, best of 3 (jar %s)%n", MIB, RunningConsole.findJar().getFileName());
            System.out.printf("  %-52s %7.1f MiB/s%n", "tar | tar in one process (floor)", MIB / floor);
            System.out.printf("  %-52s %7.1f MiB/s  %4.1fx the floor's time%n", "agent socket -> agent socket (split run, same host)",
                    MIB / socket, socket / floor);
            System.out.printf("  %-52s %7.1f MiB/s  %4.1fx the floor's time%n", "agent socket -> agent over SSH (loopback sshd)",
                    MIB / ssh, ssh / floor);
        }
    }

    interface Run {

        void run() throws Exception;
    }

    /** The best of three runs, in seconds. */
    private static double best(Run run) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            run.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return best;
    }
}
