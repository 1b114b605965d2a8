package org.vsconsole.host.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.e2e.RunningConsole;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.proc.ThousandContexts;

/**
 * Not a pass/fail test: what the agent costs per call. The same calls in-process (the console
 * before the agent), over the Unix domain socket, over stdin/stdout of an agent process, and over
 * SSH: an empty round trip, and the dashboard's figures of 100
 * running contexts. Over SSH too, through a real sshd on a loopback port (root, openssh-server).
 * Needs the packaged jar. Runs only in the bench profile.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
class AgentBench {

    private static final int GUESTS = 100;
    private static final int WARMUP = 300;
    private static final int CALLS = 2000;

    @TempDir
    Path temp;

    @Test
    void perCallCost() throws Exception {
        try (FakeVserverAgentBed bed = new FakeVserverAgentBed(temp, true)) {
            ThousandContexts.generate(bed.proc, bed.configRoot, GUESTS);
            GuestConfigReader reader = GuestConfigReader.cached(bed.configRoot);
            List<GuestSpec> specs = reader.listGuestNames().stream().filter(n -> n.startsWith("guest"))
                    .map(n -> GuestSpecs.from(reader.readGuest(n), bed.guestsRoot)).toList();
            AgentOperations local = bed.operations();
            AgentHostDriver socket = bed.client();
            Process child = stdioAgent(bed);
            Path sshDir = java.nio.file.Files.createDirectories(temp.resolve("ssh"));
            try (LoopbackSshHost host = new LoopbackSshHost(sshDir, agentArguments(bed));
                    SshAgentConnector connector = host.connector(host.hostKeyFingerprint)) {
                AgentHostDriver ssh = AgentHostDriver.overSsh(connector);
                AgentHostDriver stdio = new AgentHostDriver(() -> AgentClient.over(child.getInputStream(), child.getOutputStream(),
                        child::destroy, "stdio"));
                AgentRequest hello = AgentRequest.parse("{\"v\":1,\"id\":1,\"op\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
                System.out.printf("AgentBench: %d calls after %d warm-up, one caller; %d running contexts%n", CALLS, WARMUP, GUESTS);
                System.out.printf("                                     p50 us     p99 us%n");
                report("hello in-process (dispatch only)", () -> local.run(hello, null));
                report("hello over the socket", socket::ping);
                report("hello over stdio (agent process)", stdio::ping);
                report("hello over SSH (loopback sshd)", ssh::ping);
                report("figures in-process (driver only)", () -> figures(bed.driver, specs));
                report("figures over the socket", () -> figures(socket, specs));
                report("figures over stdio (agent process)", () -> figures(stdio, specs));
                report("figures over SSH (loopback sshd)", () -> figures(ssh, specs));
                System.out.printf("  figures payload: %d contexts per reply%n", socket.figures(specs).size());
                // a limit change as the web tier makes it: written here (one process), or checked
                // here and made by the agent (the split run); both fsync every file they replace
                var here = new org.vsconsole.host.config.GuestConfigWriter(bed.configRoot, bed.guestsRoot, reader);
                var split = new org.vsconsole.host.config.GuestConfigWriter(bed.configRoot, bed.guestsRoot, reader);
                split.writeThrough(socket);
                report("limit change written in-process", CALLS / 10, () -> changeLimit(here));
                report("limit change through the socket", CALLS / 10, () -> changeLimit(split));
                // the console's 1 s tick with a second host: this host in-process and the other over
                // SSH side by side, as the sampler and the fleet's look run; then the look itself
                try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                    report("tick of 2 hosts x 100 ctx (local || SSH)", () -> {
                        var remote = pool.submit(() -> figures(ssh, specs));
                        figures(bed.driver, specs);
                        try {
                            return remote.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                report("fleet look over SSH (load, 100 guests)", CALLS / 10, () -> {
                    ssh.load();
                    return ssh.guests().size();
                });
            } finally {
                child.getOutputStream().close();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int limitFlip;

    private static String changeLimit(org.vsconsole.host.config.GuestConfigWriter writer) {
        long soft = 100 + (limitFlip++ % 2);
        try {
            return writer.apply(writer.reader().readGuest("web1"), new org.vsconsole.host.config.ConfigChange.SetLimits(
                    java.util.Map.of("nproc", new org.vsconsole.host.LimitValues(soft, 200)))).digest();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int figures(HostDriver driver, List<GuestSpec> specs) {
        int n = driver.figures(specs).size();
        if (n != GUESTS) {
            throw new IllegalStateException("expected " + GUESTS + " contexts, got " + n);
        }
        return n;
    }

    private Process stdioAgent(FakeVserverAgentBed bed) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", RunningConsole.findJar().toString(), "agent", "--stdio"));
        command.addAll(agentArguments(bed));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The bed's trees and fake tools, for an agent process of its own. */
    private List<String> agentArguments(FakeVserverAgentBed bed) {
        return List.of("--vsconsole.data-dir=" + temp.resolve("data"), "--vsconsole.host.driver=vserver",
                "--vsconsole.host.config-root=" + bed.configRoot, "--vsconsole.host.guests-root=" + bed.guestsRoot,
                "--vsconsole.host.proc-root=" + bed.proc, "--vsconsole.host.util-vserver-bin=" + temp.resolve("fake/bin"));
    }

    private static void report(String what, Supplier<?> call) {
        report(what, CALLS, call);
    }

    private static void report(String what, int calls, Supplier<?> call) {
        for (int i = 0; i < Math.min(WARMUP, calls); i++) {
            call.get();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("  %-34s %9.1f  %9.1f%n", what, nanos[calls / 2] / 1000.0, nanos[calls * 99 / 100] / 1000.0);
    }
}
