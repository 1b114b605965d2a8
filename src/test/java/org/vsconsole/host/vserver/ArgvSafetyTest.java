package org.vsconsole.host.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;

/**
 * A value that could be read as an option never reaches argv before {@code --}: it is refused
 * before any tool runs (the fakes' call log stays empty).
 */
class ArgvSafetyTest {

    @TempDir
    Path temp;

    FakeUtilVserver fake;
    VserverDriver driver;
    GuestSpec web1;

    @BeforeEach
    void setUp() {
        fake = new FakeUtilVserver(temp);
        driver = fake.driver(CommandTimeouts.all(Duration.ofSeconds(10)));
        web1 = FakeUtilVserver.guest("web1", 40001, Path.of("/var/lib/vservers/web1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-rf", "--help", "--silent", "-", "web 1", "../etc", "", "web1\nstart"})
    void guestNamesThatAreNotNamesAreRefusedForEveryGuestCommand(String name) {
        GuestSpec bad = FakeUtilVserver.guest(name, 40001, Path.of("/var/lib/vservers/x"));

        assertRefused(() -> driver.start(bad));
        assertRefused(() -> driver.stop(bad, Duration.ofSeconds(1)));
        assertRefused(() -> driver.isRunning(bad));
        assertRefused(() -> driver.exec(bad, List.of("true"), line -> {
        }, Duration.ofSeconds(1)));
        assertRefused(() -> driver.buildRoot(bad, BuildRequest.skeleton(), line -> {
        }));
        assertThat(fake.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-o", "--bind", "64m,exec", "-64m", "64m /etc", "", "0"})
    void tmpfsSizesThatAreNotSizesAreRefused(String size) {
        assertRefused(() -> driver.remountTmp(web1, size));
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void negativeLimitValuesOtherThanUnlimitedAreRefused() {
        assertRefused(() -> driver.setLimitLive(web1, "nproc", LimitValues.both(-5)));
        assertRefused(() -> driver.setLimitLive(web1, "nproc", new LimitValues(-2, 10)));
        assertRefused(() -> driver.setLimitLive(web1, "nproc", new LimitValues(20, 10)));
        assertRefused(() -> driver.setLimitLive(web1, "--all", LimitValues.both(1)));
        assertRefused(() -> driver.setLimitLive(web1, "-a", LimitValues.both(1)));
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void contextIdsOutsideTheStaticRangeAreRefused() {
        for (int xid : new int[]{-1, 0, 1, 49152}) {
            GuestSpec bad = FakeUtilVserver.guest("web1", xid, Path.of("/var/lib/vservers/web1"));
            assertRefused(() -> driver.kill(bad, 2388, 15));
            assertRefused(() -> driver.setLimitLive(bad, "nproc", LimitValues.both(1)));
            assertRefused(() -> driver.remountTmp(bad, "64m"));
        }
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void killRefusesPidsThatMeanMoreThanOneProcess() {
        assertRefused(() -> driver.kill(web1, 0, 15));
        assertRefused(() -> driver.kill(web1, 1, 15));
        assertRefused(() -> driver.kill(web1, -1, 15));
        assertRefused(() -> driver.kill(web1, 2388, 0));
        assertRefused(() -> driver.kill(web1, 2388, 65));
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void buildValuesThatLookLikeOptionsAreRefused() {
        assertRefused(() -> driver.buildRoot(web1,
                new BuildRequest(BuildRequest.Method.DEBOOTSTRAP, null, "--keep-debootstrap-dir", null), l -> {
                }));
        assertRefused(() -> driver.buildRoot(web1,
                new BuildRequest(BuildRequest.Method.DEBOOTSTRAP, null, "bookworm", "-m"), l -> {
                }));
        assertRefused(() -> driver.buildRoot(web1,
                new BuildRequest(BuildRequest.Method.CLONE, "--source", null, null), l -> {
                }));
        GuestSpec badHost = new GuestSpec("web1", 40001, Path.of("/etc/vservers/web1"), Path.of("/var/lib/vservers/web1"),
                "-x", null, null, List.of(), Map.of());
        assertRefused(() -> driver.buildRoot(badHost, BuildRequest.skeleton(), l -> {
        }));
        GuestSpec otherLayout = FakeUtilVserver.guest("web1", 40001, Path.of("/srv/roots/other"));
        assertRefused(() -> driver.buildRoot(otherLayout, BuildRequest.skeleton(), l -> {
        }));
        GuestSpec relative = FakeUtilVserver.guest("web1", 40001, Path.of("-x/web1"));
        assertRefused(() -> driver.buildRoot(relative, BuildRequest.skeleton(), l -> {
        }));
        GuestSpec otherConfig = new GuestSpec("web1", 40001, Path.of("/etc/vservers/other"),
                Path.of("/var/lib/vservers/web1"), "web1", null, null, List.of(), Map.of());
        assertRefused(() -> driver.buildRoot(otherConfig, BuildRequest.skeleton(), l -> {
        }));
        GuestSpec relativeConfig = new GuestSpec("web1", 40001, Path.of("-x/web1"),
                Path.of("/var/lib/vservers/web1"), "web1", null, null, List.of(), Map.of());
        assertRefused(() -> driver.buildRoot(relativeConfig, BuildRequest.skeleton(), l -> {
        }));
        GuestSpec dashDevice = new GuestSpec("web1", 40001, Path.of("/etc/vservers/web1"),
                Path.of("/var/lib/vservers/web1"), "web1", null, null,
                List.of(new GuestSpec.Address("10.0.0.2", 24, "-x")), Map.of());
        assertRefused(() -> driver.buildRoot(dashDevice, BuildRequest.skeleton(), l -> {
        }));
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void execArgumentsStartingWithDashComeOnlyAfterTheGuestAndCommand() {
        fake.markRunning("web1");

        driver.exec(web1, List.of("-x", "--rescue"), line -> {
        }, Duration.ofSeconds(5));

        List<String> call = fake.onlyCall();
        assertThat(call.subList(0, 4)).containsExactly("vserver", "--", "web1", "exec");
        assertThat(call.subList(4, call.size())).containsExactly("-x", "--rescue");
    }

    @Test
    void everyDashValueInGeneratedArgvFollowsADoubleDashOrIsAFixedOption() {
        UtilVserverCommands commands = new UtilVserverCommands(Path.of("/usr/sbin"));
        // The only '-' words before '--' are the fixed option names the builder writes itself.
        List<List<String>> all = List.of(
                commands.guestCommand("start", web1, "start"),
                commands.kill(web1, 2388, 9),
                commands.setLimit(web1, "nproc", new LimitValues(1, 2)),
                commands.remountTmp(web1, "1g"),
                commands.processes(),
                commands.build(web1, new BuildRequest(BuildRequest.Method.DEBOOTSTRAP, null, "bookworm", null)),
                commands.build(new GuestSpec("web1", 40001, Path.of("/etc/vservers/web1"),
                        Path.of("/var/lib/vservers/web1"), "web1", null, null,
                        List.of(new GuestSpec.Address("10.0.0.2", 24, "eth0")), Map.of()), BuildRequest.skeleton()));
        List<String> fixedOptions = List.of("-c", "-S", "-H", "-SH", "--nproc", "--xid", "-s", "-e", "-o", "-m",
                "--rootdir", "--confdir", "--context", "--hostname", "--interface");
        for (List<String> argv : all) {
            int doubleDash = argv.indexOf("--");
            List<String> beforeDoubleDash = doubleDash < 0 ? argv : argv.subList(0, doubleDash);
            assertThat(beforeDoubleDash).filteredOn(a -> a.startsWith("-")).isSubsetOf(fixedOptions);
        }
    }

    private static void assertRefused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(HostOperationException.class);
    }
}
