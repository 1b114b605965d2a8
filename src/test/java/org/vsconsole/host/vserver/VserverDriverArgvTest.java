package org.vsconsole.host.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.LimitValues;

/** Each driver operation reaches the fake tools with exactly the expected argv. */
class VserverDriverArgvTest {

    @TempDir
    Path temp;

    FakeUtilVserver fake;
    VserverDriver driver;
    GuestSpec web1;
    String bin;

    @BeforeEach
    void setUp() {
        fake = new FakeUtilVserver(temp);
        driver = fake.driver(CommandTimeouts.all(Duration.ofSeconds(20)));
        web1 = FakeUtilVserver.guest("web1", 40001, Path.of("/var/lib/vservers/web1"));
        bin = fake.bin.toString();
    }

    @Test
    void startRunsStartThenChecksStatus() {
        driver.start(web1);

        assertThat(fake.calls()).containsExactly(
                List.of("vserver", "--", "web1", "start"),
                List.of("vserver", "--", "web1", "status"));
    }

    @Test
    void stopRunsStopThenChecksStatus() {
        fake.markRunning("web1");

        driver.stop(web1, Duration.ofSeconds(5));

        assertThat(fake.calls()).containsExactly(
                List.of("vserver", "--", "web1", "stop"),
                List.of("vserver", "--", "web1", "status"));
    }

    @Test
    void restartUsesTheScriptsOwnRestart() {
        driver.restart(web1, Duration.ofSeconds(5));

        assertThat(fake.calls()).containsExactly(
                List.of("vserver", "--", "web1", "restart"),
                List.of("vserver", "--", "web1", "status"));
    }

    @Test
    void isRunningReadsTheStatusExitCode() {
        assertThat(driver.isRunning(web1)).isFalse();
        fake.markRunning("web1");
        assertThat(driver.isRunning(web1)).isTrue();

        assertThat(fake.calls()).containsOnly(List.of("vserver", "--", "web1", "status"));
    }

    @Test
    void execPassesArgvAfterExecWithoutASecondDoubleDash() {
        fake.markRunning("web1");
        List<String> lines = new ArrayList<>();

        ExecResult result = driver.exec(web1, List.of("echo", "-n", "a b", "--", "$HOME;rm"), lines::add,
                Duration.ofSeconds(10));

        assertThat(fake.onlyCall()).containsExactly("vserver", "--", "web1", "exec", "echo", "-n", "a b", "--",
                "$HOME;rm");
        assertThat(result).isEqualTo(new ExecResult(0, false));
        assertThat(lines).containsExactly("a b -- $HOME;rm");
    }

    @Test
    void execReportsTheCommandsOwnExitCodeAndStreamsBothStreams() {
        fake.markRunning("web1");
        List<String> lines = new ArrayList<>();

        ExecResult result = driver.exec(web1, List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 7"),
                lines::add, Duration.ofSeconds(10));

        assertThat(result).isEqualTo(new ExecResult(7, false));
        assertThat(lines).containsExactlyInAnyOrder("out", "err");
    }

    @Test
    void processesCallsVpsAndKeepsOnlyTheGuestsContext() {
        List<GuestProcess> processes = driver.processes(web1);

        assertThat(fake.onlyCall()).containsExactly("vps", "-e", "-o", "pid,user,vsz,rss,time,etime,args");
        assertThat(processes).extracting(GuestProcess::pid).containsExactly(2210, 2388);
        GuestProcess apache = processes.get(1);
        assertThat(apache.user()).isEqualTo("www-data");
        assertThat(apache.vszBytes()).isEqualTo(250000L * 1024);
        assertThat(apache.rssBytes()).isEqualTo(30000L * 1024);
        assertThat(apache.cpuMs()).isEqualTo((3600 + 120 + 3) * 1000L);
        assertThat(apache.command()).isEqualTo("apache2 -k start");
        assertThat(apache.startedEpochMs()).isBetween(System.currentTimeMillis() - 600_000 - 60_000,
                System.currentTimeMillis() - 600_000 + 1000);
    }

    @Test
    void killSendsTheSignalToOnePidOfTheContext() {
        driver.kill(web1, 2388, 15);

        assertThat(fake.onlyCall()).containsExactly("vkill", "--xid", "40001", "-s", "15", "--", "2388");
    }

    static Stream<Arguments> limits() {
        return Stream.of("nproc", "rss", "as", "nofile", "memlock", "locks").flatMap(name -> Stream.of(
                Arguments.of(name, LimitValues.both(150), List.of("-SH", "--" + name, "150")),
                Arguments.of(name, new LimitValues(100, 200), List.of("-S", "--" + name, "100", "-H", "--" + name, "200")),
                Arguments.of(name, new LimitValues(100, LimitValues.UNLIMITED),
                        List.of("-S", "--" + name, "100", "-H", "--" + name, "inf")),
                Arguments.of(name, LimitValues.both(LimitValues.UNLIMITED), List.of("-SH", "--" + name, "inf"))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("limits")
    void setLimitLiveCallsVlimitWithSoftAndHard(String name, LimitValues values, List<String> expectedTail) {
        driver.setLimitLive(web1, name, values);

        List<String> expected = new ArrayList<>(List.of("vlimit", "-c", "40001"));
        expected.addAll(expectedTail);
        assertThat(fake.onlyCall()).isEqualTo(expected);
    }

    @Test
    void remountTmpEntersTheNamespaceAndRemountsTheGuestsTmp() {
        driver.remountTmp(web1, "64m");

        assertThat(fake.onlyCall()).containsExactly("vnamespace", "-e", "40001", "--", "/bin/mount", "-o",
                "remount,size=64m", "--", "/var/lib/vservers/web1/tmp");
    }

    @Test
    void buildSkeletonStreamsTheLog() {
        List<String> log = new ArrayList<>();

        driver.buildRoot(web1, BuildRequest.skeleton(), log::add);

        assertThat(fake.onlyCall()).containsExactly("vserver", "--", "web1", "build", "-m", "skeleton",
                "--rootdir", "/var/lib/vservers", "--confdir", "/etc/vservers/web1", "--context", "40001", "--hostname", "web1", "--");
        assertThat(log).containsExactly("build: creating web1", "build: done");
    }

    @Test
    void buildDebootstrapPutsDistAndMirrorAfterDoubleDash() {
        driver.buildRoot(web1, new BuildRequest(BuildRequest.Method.DEBOOTSTRAP, null, "bookworm",
                "http://deb.debian.org/debian"), line -> {
                });

        assertThat(fake.onlyCall()).containsExactly("vserver", "--", "web1", "build", "-m", "debootstrap",
                "--rootdir", "/var/lib/vservers", "--confdir", "/etc/vservers/web1", "--context", "40001", "--hostname", "web1", "--",
                "-d", "bookworm", "-m", "http://deb.debian.org/debian");
    }

    @Test
    void aBuildWithSetupTheToolsCannotDoIsRefusedBeforeAnythingRuns() {
        BuildRequest withPassword = new BuildRequest(BuildRequest.Method.DEBOOTSTRAP, null, "bookworm",
                "http://deb.debian.org/debian", new BuildRequest.GuestSetup("$6$x$y", List.of(), List.of(), null));

        assertThatThrownBy(() -> driver.buildRoot(web1, withPassword, line -> {
        }))
                .hasMessageContaining("only on stock-kernel hosts");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void buildCloneNamesTheSource() {
        driver.buildRoot(web1, new BuildRequest(BuildRequest.Method.CLONE, "base", null, null), line -> {
        });

        assertThat(fake.onlyCall()).containsExactly("vserver", "--", "web1", "build", "-m", "clone",
                "--rootdir", "/var/lib/vservers", "--confdir", "/etc/vservers/web1", "--context", "40001", "--hostname", "web1", "--",
                "--source", "base");
    }

    @Test
    void buildPassesTheFirstInterfaceAsDeviceIpAndPrefixBeforeTheMethodArguments() {
        GuestSpec withAddresses = withInterfaces(new GuestSpec.Address("10.88.0.3", 24, "eth0"),
                new GuestSpec.Address("10.88.0.4", 24, "eth0"));

        driver.buildRoot(withAddresses, new BuildRequest(BuildRequest.Method.DEBOOTSTRAP, null, "bookworm", null),
                line -> {
                });

        assertThat(fake.onlyCall()).containsExactly("vserver", "--", "web1", "build", "-m", "debootstrap",
                "--rootdir", "/var/lib/vservers", "--confdir", "/etc/vservers/web1", "--context", "40001",
                "--hostname", "web1", "--interface", "eth0:10.88.0.3/24", "--", "-d", "bookworm");
    }

    @Test
    void buildMarksAnInterfaceWithoutDeviceNodevSoAnIpv6AddressIsNotSplitAtItsFirstColon() {
        driver.buildRoot(withInterfaces(new GuestSpec.Address("2001:db8::3", 64, null)), BuildRequest.skeleton(),
                line -> {
                });

        assertThat(fake.onlyCall()).contains("--interface", "nodev:2001:db8::3/64");
    }

    @ParameterizedTest
    @MethodSource("hostileInterfaces")
    void buildRefusesInterfaceValuesUtilVserverWouldMisreadBeforeRunningAnything(GuestSpec.Address address) {
        GuestSpec hostile = withInterfaces(address);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> driver.buildRoot(hostile, BuildRequest.skeleton(),
                line -> {
                })).isInstanceOf(org.vsconsole.host.HostOperationException.class);
        assertThat(fake.calls()).isEmpty();
    }

    static Stream<GuestSpec.Address> hostileInterfaces() {
        return Stream.of(
                new GuestSpec.Address("-10.0.0.1", 24, "eth0"),
                new GuestSpec.Address("10.0.0.1/8", 24, "eth0"),
                new GuestSpec.Address("10.0.0.256", 24, "eth0"),
                new GuestSpec.Address("x=10.0.0.1", 24, "eth0"),
                new GuestSpec.Address("example.org", 24, "eth0"),
                new GuestSpec.Address("fe80::1%eth0", 64, "eth0"),
                new GuestSpec.Address("1:2:3", 64, "eth0"),
                new GuestSpec.Address("10.0.0.1", 33, "eth0"),
                new GuestSpec.Address("10.0.0.1", -1, "eth0"),
                new GuestSpec.Address("2001:db8::1", 129, "eth0"),
                new GuestSpec.Address("10.0.0.1", 24, "--rootdir"),
                new GuestSpec.Address("10.0.0.1", 24, "eth0:1"),
                new GuestSpec.Address("10.0.0.1", 24, "a=b"),
                new GuestSpec.Address("10.0.0.1", 24, "nodev"),
                new GuestSpec.Address("10.0.0.1", 24, "eth0 /tmp"),
                new GuestSpec.Address("10.0.0.1", 24, "averyveryverylongname"),
                new GuestSpec.Address(null, 24, "eth0"));
    }

    private static GuestSpec withInterfaces(GuestSpec.Address... addresses) {
        return new GuestSpec("web1", 40001, Path.of("/etc/vservers/web1"), Path.of("/var/lib/vservers/web1"), "web1",
                null, "16m", List.of(addresses), java.util.Map.of());
    }

    @Test
    void toolsGetStdinFromDevNull() {
        driver.isRunning(web1);
        driver.kill(web1, 2388, 9);

        assertThat(fake.stdinTargets()).containsOnly("/dev/null");
    }

    @Test
    void toolPathsComeFromTheConfiguredBinDirectory() {
        assertThat(new UtilVserverCommands(Path.of("/opt/uv/sbin")).processes().getFirst())
                .isEqualTo("/opt/uv/sbin/vps");
        assertThat(driver.readOnlyReason()).isEmpty();
    }

    @Test
    void terminalRunsVserverEnterUnderAPty() throws Exception {
        fake.markRunning("web1");

        try (org.vsconsole.host.TerminalSession terminal = driver.openTerminal(web1,
                new org.vsconsole.host.TerminalSize(90, 27))) {
            terminal.write("stty size; echo $TERM; exit\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String out = org.vsconsole.host.pty.PtyProcessTestAccess.readToEnd(terminal);

            assertThat(out).contains("27 90").contains("xterm-256color");
        }
        assertThat(fake.calls()).containsExactly(List.of("vserver", "--", "web1", "enter"));
        assertThat(java.nio.file.Files.readString(temp.resolve("stdin.log"))).startsWith("/dev/pts/");
    }
}
