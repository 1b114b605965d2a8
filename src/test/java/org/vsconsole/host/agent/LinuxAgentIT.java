package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vsconsole.e2e.RunningConsole;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;
import org.vsconsole.host.linux.LinuxFacts;

/**
 * The production jar's {@code agent} as root on this stock kernel, with its own config root, guest
 * root, cgroup parent, bridge and pool: a real unprivileged LXC guest built, started, limited,
 * entered and stopped through the socket; the socket closed to other users by its mode and by
 * {@code SO_PEERCRED}; and the same agent on stdin/stdout, as SSH will run it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LinuxAgentIT {

    private static final int XID = 4251;
    private static final String CGROUP_PARENT = "vsc-agent";

    private static Path dir;
    private static Path socket;
    private static Process agent;
    private static List<String> properties;

    @BeforeAll
    static void startAgent() throws Exception {
        dir = Files.createTempDirectory("vsc-agent-it");
        // the guest's root is an unprivileged host user: it must pass through, as under /var/lib
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path guest = Files.createDirectories(dir.resolve("etc/vservers/agentit"));
        Files.writeString(guest.resolve("context"), XID + "\n");
        Files.createDirectories(guest.resolve("uts"));
        Files.writeString(guest.resolve("uts/nodename"), "agentit-node\n");
        Files.createSymbolicLink(guest.resolve("vdir"), dir.resolve("guests/agentit"));
        properties = List.of("--vsconsole.data-dir=" + dir.resolve("data"),
                "--vsconsole.host.config-root=" + dir.resolve("etc/vservers"),
                "--vsconsole.host.guests-root=" + dir.resolve("guests"), "--vsconsole.host.driver=linux",
                "--vsconsole.linux.cgroup-parent=" + CGROUP_PARENT, "--vsconsole.linux.bridge=vsbragent",
                "--vsconsole.provisioning.address-pool=10.242.0.0/24");
        socket = dir.resolve("run/agent.sock");
        agent = start(Stream.concat(Stream.of("--socket=" + socket, "--group=daemon"), properties.stream()).toList())
                .redirectError(Path.of("target/linux-agent-it.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            assertThat(agent.isAlive()).as("the agent runs; see target/linux-agent-it.log").isTrue();
            Thread.sleep(100);
        }
        assertThat(socket).exists();
    }

    @AfterAll
    static void stopAgent() throws Exception {
        GuestSpec guest = spec();
        try {
            AgentHostDriver driver = AgentHostDriver.overSocket(socket);
            if (driver.isRunning(guest)) {
                driver.stop(guest, Duration.ofSeconds(5));
            }
            driver.deleteRoot(guest);
        } finally {
            agent.destroy();
            agent.waitFor(20, TimeUnit.SECONDS);
            // the guests' package cache outlives the agent as guests do; a test's goes with the test
            RunningConsole.cleanUpHost(dir.resolve("data"), "vsbragent");
            RunningConsole.removeTree(dir);
        }
    }

    private static ProcessBuilder start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", RunningConsole.findJar().toString(), "agent"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /** What a web tier would send; the agent reads the real guest from its own tree. */
    private static GuestSpec spec() {
        return new GuestSpec("agentit", XID, dir.resolve("etc/vservers/agentit"), dir.resolve("guests/agentit"), "agentit-node",
                null, "16m", List.of(), Map.of());
    }

    @Test
    void aRealGuestRunsThroughTheAgentSocket() throws IOException {
        AgentHostDriver driver = AgentHostDriver.overSocket(socket);
        assertThat(driver.name()).isEqualTo("linux");
        assertThat(driver.readOnlyReason()).isEmpty();
        var facts = driver.facts();
        assertThat(facts.engine()).startsWith("LXC ");
        assertThat(facts.cgroups()).matches("v[12]: .*pids.*");
        assertThat(facts.kernel()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        assertThat(facts.missing()).contains(LinuxFacts.STOCK_KERNEL);
        GuestSpec guest = spec();
        List<String> build = new ArrayList<>();

        driver.buildRoot(guest, BuildRequest.skeleton(), build::add);
        driver.start(guest);

        assertThat(driver.isRunning(guest)).isTrue();
        assertThat(driver.figures(List.of(guest)).get(XID).processes()).isPositive();
        StringBuilder out = new StringBuilder();
        driver.exec(guest, List.of("cat", "/proc/sys/kernel/hostname"), l -> out.append(l), Duration.ofSeconds(20));
        assertThat(out.toString()).isEqualTo("agentit-node");
        try (TerminalSession terminal = driver.openTerminal(guest, new TerminalSize(80, 24))) {
            // lxc-attach flushes what was typed before it set the terminal up: type at the prompt
            String shown = readUntil(terminal, "# ");
            terminal.write("echo shell-in-$(cat /proc/sys/kernel/hostname)\nexit\n".getBytes(StandardCharsets.UTF_8));
            shown += readUntil(terminal, null);
            assertThat(shown).contains("shell-in-agentit-node");
            assertThat(terminal.isAlive()).isFalse();
        }
        driver.setLimitLive(guest, "nofile", new LimitValues(40, 50));
        int init = driver.processes(guest).stream().filter(p -> p.guestPid() == 1).findFirst().orElseThrow().pid();
        assertThat(Files.readAllLines(Path.of("/proc/" + init + "/limits")))
                .anyMatch(l -> l.matches("Max open files\\s+40\\s+50\\s+files\\s*"));

        driver.stop(guest, Duration.ofSeconds(5));
        assertThat(driver.isRunning(guest)).isFalse();
        driver.deleteRoot(guest);
        assertThat(dir.resolve("guests/agentit")).doesNotExist();
    }

    @Test
    void theSocketIsClosedToOtherUsersByItsModeAndByThePeersCredentials() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
        assertThat(Files.getAttribute(socket, "posix:group").toString()).isEqualTo("daemon");

        assertThat(AgentSocketProbe.asNobody(socket, false)).as("nobody outside the socket's group")
                .isEqualTo("refused: Permission denied");
        // the mode lets it connect; the agent reads who it is, answers nothing and hangs up
        assertThat(AgentSocketProbe.asNobody(socket, true)).as("nobody in the socket's group, but not an allowed user")
                .matches("connected; (closed|refused: Connection reset|refused: Broken pipe)");
    }

    @Test
    void theSameAgentServesOnStdinAndStdoutAsSshRunsIt() throws Exception {
        Process stdio = start(Stream.concat(Stream.of("--stdio"), properties.stream()).toList()).start();
        try {
            AgentHostDriver driver = new AgentHostDriver(() -> AgentClient.over(stdio.getInputStream(), stdio.getOutputStream(),
                    stdio::destroy, "stdio"));
            assertThat(driver.name()).isEqualTo("linux");
            assertThat(driver.dynamicContext(spec().configDir())).as("a guest with a static context").isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> driver.isRunning(new GuestSpec("ghost", XID, dir, dir, "ghost",
                    null, null, List.of(), Map.of()))).hasMessage("guest: no guest 'ghost' on this host");
        } finally {
            stdio.getOutputStream().close();
            assertThat(stdio.waitFor(20, TimeUnit.SECONDS)).as("the agent ends with its stdin").isTrue();
        }
    }

    /** What the terminal shows until {@code until} appears, or until it ends when null; at most 30 s. */
    private static String readUntil(TerminalSession terminal, String until) throws IOException {
        StringBuilder shown = new StringBuilder();
        byte[] buffer = new byte[4096];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && (until == null || !shown.toString().contains(until))) {
            int n = terminal.read(buffer);
            if (n < 0) {
                break;
            }
            shown.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return shown.toString();
    }

}
