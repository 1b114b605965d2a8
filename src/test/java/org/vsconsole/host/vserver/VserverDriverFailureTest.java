package org.vsconsole.host.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;

/** Every way the fake tools fail ends in a clear HostOperationException, never in a false success. */
class VserverDriverFailureTest {

    static final Duration SHORT = Duration.ofSeconds(2);
    /** Kill grace, pipe drain and JVM scheduling on a shared 2-core machine. */
    static final Duration MARGIN = Duration.ofSeconds(4);

    @TempDir
    Path temp;

    FakeUtilVserver fake;
    VserverDriver driver;
    GuestSpec web1;

    @BeforeEach
    void setUp() {
        fake = new FakeUtilVserver(temp);
        driver = fake.driver(CommandTimeouts.all(SHORT));
        web1 = FakeUtilVserver.guest("web1", 40001, temp.resolve("vservers").resolve("web1"));
    }

    @Test
    void failedStartCarriesTheScriptsMessage() {
        fake.failWith("vserver.start", 1, "mount: /vservers/web1/proc: permission denied\nFailed to start vserver 'web1'\n");

        assertThatThrownBy(() -> driver.start(web1))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("exit code 1")
                .hasMessageContaining("Failed to start vserver 'web1'")
                .satisfies(e -> assertThat(((HostOperationException) e).guest()).isEqualTo("web1"))
                .satisfies(e -> assertThat(((HostOperationException) e).operation()).isEqualTo("start"));
    }

    @Test
    void startThatExitsZeroButLeavesTheGuestStoppedIsAnError() {
        fake.control("vserver.status", "exit", "3");

        assertThatThrownBy(() -> driver.start(web1))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("not running");
    }

    @Test
    void stopThatLeavesTheGuestRunningIsAnError() {
        fake.control("vserver.status", "exit", "0");

        assertThatThrownBy(() -> driver.stop(web1, Duration.ofSeconds(1)))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("still running");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 255})
    void statusExitOtherThanZeroOrThreeIsAnErrorNotStopped(int exitCode) {
        fake.failWith("vserver.status", exitCode, "Can not find a vserver-setup at '/etc/vservers/web1/'.\n");

        assertThatThrownBy(() -> driver.isRunning(web1))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("exit code " + exitCode)
                .hasMessageContaining("Can not find a vserver-setup");
    }

    @Test
    void failureWithoutAnyMessageSaysSo() {
        fake.control("vkill", "exit", "1");

        assertThatThrownBy(() -> driver.kill(web1, 2388, 15))
                .isInstanceOf(HostOperationException.class)
                .hasMessage("vkill failed with exit code 1 and no message");
    }

    @Test
    void eachToolsNonZeroExitBecomesAnErrorWithItsMessage() {
        fake.failWith("vkill", 1, "vkill: vc_ctx_kill(): No such process\n")
                .failWith("vlimit", 255, "Can not parse limit 'x'\n")
                .failWith("vnamespace", 1, "mount: /tmp: mount point not mounted\n")
                .failWith("vps", 254, "vps: can not get context\n")
                .failWith("vserver.build", 1, "Unknown build-method 'x'\n")
                .failWith("vserver.stop", 1, "Vserver 'web1' still running unexpectedly\n");

        assertThatThrownBy(() -> driver.kill(web1, 2388, 15)).hasMessageContaining("vc_ctx_kill(): No such process");
        assertThatThrownBy(() -> driver.setLimitLive(web1, "nproc", LimitValues.both(10)))
                .hasMessageContaining("Can not parse limit");
        assertThatThrownBy(() -> driver.remountTmp(web1, "64m")).hasMessageContaining("mount point not mounted");
        assertThatThrownBy(() -> driver.processes(web1)).hasMessageContaining("exit code 254")
                .hasMessageContaining("can not get context");
        assertThatThrownBy(() -> driver.buildRoot(web1, BuildRequest.skeleton(), line -> {
        }))
                .hasMessageContaining("Unknown build-method");
        assertThatThrownBy(() -> driver.stop(web1, Duration.ofSeconds(1))).hasMessageContaining("still running unexpectedly");
    }

    @Test
    void vlimitExitingZeroWhileTheKernelRefusedIsAnError() {
        fake.control("vlimit", "stderr", "vc_set_rlimit(): Invalid argument\n");

        assertThatThrownBy(() -> driver.setLimitLive(web1, "rss", LimitValues.both(1000)))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("refused limit rss")
                .hasMessageContaining("Invalid argument");
    }

    @Test
    void execOnAStoppedGuestIsAnErrorNotAnExitCode() {
        assertThatThrownBy(() -> driver.exec(web1, List.of("true"), line -> {
        }, SHORT))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("supported for running vservers only");
    }

    @Test
    void vpsJunkIsAClearError() {
        fake.control("vps", "stdout", "\u0000\u00ff garbage\nnot ps output at all\n");

        assertThatThrownBy(() -> driver.processes(web1))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("cannot read the output of vps");
    }

    @Test
    void vpsJunkRowsAreSkippedAndGoodRowsKept() {
        fake.control("vps", "stdout", """
                  PID CONTEXT             USER         VSZ   RSS     TIME     ELAPSED COMMAND
                 2210 40001 web1          root        4500  1200 00:00:01    01:02:03 /sbin/init
                 junk junk junk
                 2211 40001 web1          root        lots  1200 00:00:01    01:02:03 /bin/bad-vsz
                 2212 40001 web1          root        4500  1200 99:xx    01:02:03 /bin/bad-time
                 2213
                 2214 40001 web1          root        4500  1200 00:00:02       00:05 /bin/good
                """);

        assertThat(driver.processes(web1)).extracting(p -> p.pid()).containsExactly(2210, 2214);
    }

    @Test
    void hangingToolIsKilledWithItsChildrenWithinTheTimeout() {
        fake.control("vserver.start", "hang", "");

        assertHangEndsInTime(() -> driver.start(web1));
    }

    @Test
    void toolIgnoringTermIsKilledToo() {
        fake.control("vlimit", "stubborn", "");

        assertHangEndsInTime(() -> driver.setLimitLive(web1, "nproc", LimitValues.both(10)));
    }

    @Test
    void hangingVpsAndVnamespaceAndStatusAreKilledToo() {
        fake.control("vps", "hang", "").control("vnamespace", "hang", "").control("vserver.status", "hang", "");

        assertHangEndsInTime(() -> driver.processes(web1));
        assertHangEndsInTime(() -> driver.remountTmp(web1, "64m"));
        assertHangEndsInTime(() -> driver.isRunning(web1));
    }

    @Test
    void hangingExecReportsTimedOutAndLeavesNothingBehind() {
        fake.markRunning("web1");
        long started = System.nanoTime();

        ExecResult result = driver.exec(web1, List.of("/bin/sh", "-c", "echo $$ >> \"$FAKE_UV_DIR/pids\"; sleep 600"),
                line -> {
                }, SHORT);

        assertThat(result).isEqualTo(new ExecResult(-1, true));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHORT.plus(MARGIN));
        assertNoLeftover();
    }

    @Test
    void floodedOutputIsBoundedAndTheErrorStillReadable() {
        fake.control("vserver.build", "flood", "").failWith("vserver.build", 1, "build failed: disk full\n");
        int[] lines = {0};
        org.vsconsole.host.BuildProgress counter = line -> lines[0]++;

        assertThatThrownBy(() -> driver.buildRoot(web1, BuildRequest.skeleton(), counter))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("build failed: disk full")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(3000));
        // 200000 short lines, the error line, and the 3 MB line handed on in 8 KiB pieces
        assertThat(lines[0]).isEqualTo(200_000 + 1 + (3_000_000 + 8191) / 8192);
    }

    @Test
    void missingToolIsAnErrorAndMakesTheDriverReadOnly() throws Exception {
        Files.delete(fake.bin.resolve("vserver"));

        assertThatThrownBy(() -> driver.start(web1))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("cannot run");
        assertThat(driver.readOnlyReason()).hasValueSatisfying(r -> assertThat(r).contains("not installed"));
    }

    private void assertHangEndsInTime(Runnable operation) {
        long started = System.nanoTime();
        assertThatThrownBy(operation::run)
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("did not finish within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHORT.plus(MARGIN));
        assertNoLeftover();
    }

    private void assertNoLeftover() {
        List<Long> pids = fake.hangPids();
        assertThat(pids).isNotEmpty();
        assertThat(pids).allSatisfy(pid -> assertThat(FakeUtilVserver.running(pid))
                .as("process %d still running", pid).isFalse());
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }
}
