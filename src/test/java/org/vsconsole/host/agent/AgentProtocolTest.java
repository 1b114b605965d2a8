package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.DiskUsage;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;
import java.nio.charset.StandardCharsets;

/** The host port as the web tier sees it through an agent on a Unix domain socket. */
class AgentProtocolTest {

    @TempDir
    Path temp;

    FakeVserverAgentBed bed;
    AgentHostDriver driver;

    @BeforeEach
    void setUp() {
        bed = new FakeVserverAgentBed(temp);
        driver = bed.client();
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    static GuestSpec spec(String name, int xid, Path root) {
        return new GuestSpec(name, xid, Path.of("/etc/vservers").resolve(name), root, name, null, null, List.of(), Map.of());
    }

    @Test
    void theAgentSaysWhichDriverItServes() {
        assertThat(driver.name()).isEqualTo("vserver");
        assertThat(driver.buildMakesConfigDirectory()).isTrue();
        assertThat(bed.fake.calls()).isEmpty();
    }

    @Test
    void theHostsFactsComeFromTheAgentsHost() throws Exception {
        try (FakeVserverAgentBed overProc = new FakeVserverAgentBed(temp.resolve("proc-bed"), true)) {
            Files.createDirectories(overProc.proc.resolve("virtual"));
            Files.writeString(overProc.proc.resolve("virtual/info"), "VCIVersion:\t0002:0308\nVCISyscall:\t236\n");
            Files.createDirectories(overProc.proc.resolve("sys/kernel"));
            Files.writeString(overProc.proc.resolve("sys/kernel/osrelease"), "4.9.337-vs2.3.9.8\n");

            var facts = overProc.client().facts();

            assertThat(facts).isEqualTo(overProc.driver.facts());
            assertThat(facts.kernel()).isEqualTo("4.9.337-vs2.3.9.8");
            assertThat(facts.engine()).isEqualTo("Linux-VServer VCI 0002:0308");
            assertThat(facts.driver()).isEqualTo("vserver");
        }
    }

    @Test
    void startAndStopReachTheAgentsDriverByName() {
        GuestSpec web1 = spec("web1", 40001, bed.guestsRoot.resolve("web1"));

        driver.start(web1);
        assertThat(driver.isRunning(web1)).isTrue();
        driver.stop(web1, Duration.ofSeconds(5));

        assertThat(bed.fake.calls()).containsExactly(
                List.of("vserver", "--", "web1", "start"), List.of("vserver", "--", "web1", "status"),
                List.of("vserver", "--", "web1", "status"),
                List.of("vserver", "--", "web1", "stop"), List.of("vserver", "--", "web1", "status"));
        assertThat(driver.isRunning(web1)).isFalse();
    }

    @Test
    void theAgentListsItsHostsGuestsWithTheirStateAndWhyItWouldRefuseOne() throws Exception {
        try (FakeVserverAgentBed overProc = new FakeVserverAgentBed(temp.resolve("proc-bed"), true)) {
            // guest0 runs on context 40000, as /proc/virtual says; web1 (40001) does not
            org.vsconsole.host.proc.ThousandContexts.generate(overProc.proc, overProc.configRoot, 1);
            overProc.guest("web2", 40002, Files.createDirectories(temp.resolve("elsewhere")));

            List<HostGuest> guests = overProc.client().guests();

            assertThat(guests).extracting(HostGuest::name, HostGuest::context, HostGuest::running).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("guest0", 40000, true),
                    org.assertj.core.groups.Tuple.tuple("web1", 40001, false),
                    org.assertj.core.groups.Tuple.tuple("web2", 40002, false));
            assertThat(guests.get(0).problem()).isNull();
            assertThat(guests.get(2).problem()).contains("is outside " + overProc.guestsRoot);
            assertThat(overProc.fake.calls()).as("one read of /proc/virtual, no command per guest").isEmpty();
            assertThat(overProc.client().load().cores()).isPositive();
        }
    }

    @Test
    void aGuestsConfigIsWrittenLimitedAndRemovedByTheAgentUnderTheHostsOwnRules() throws Exception {
        HostGuest created = driver.createGuest("web9", 40009, "web9.example");

        assertThat(created).isEqualTo(new HostGuest("web9", 40009, false, null));
        assertThat(Files.readString(bed.configRoot.resolve("web9/context")).strip()).isEqualTo("40009");
        assertThat(Files.readSymbolicLink(bed.configRoot.resolve("web9/vdir"))).isEqualTo(bed.guestsRoot.resolve("web9"));
        assertThatThrownBy(() -> driver.createGuest("web8", 40001, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("context 40001 is already used by guest 'web1'");
        assertThatThrownBy(() -> driver.createGuest("../etc", 40008, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("guest");
        assertThat(bed.configRoot.resolve("web8")).doesNotExist();

        assertThat(driver.setLimit("web9", "nofile", new LimitValues(30, 40))).as("not running: saved only").isFalse();
        assertThat(Files.readString(bed.configRoot.resolve("web9/rlimits/nofile.hard")).strip()).isEqualTo("40");
        assertThatThrownBy(() -> driver.setLimit("web9", "nofile", new LimitValues(50, 40)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(Files.readString(bed.configRoot.resolve("web9/rlimits/nofile.soft")).strip()).isEqualTo("30");

        Files.createDirectories(bed.guestsRoot.resolve("web9/etc"));
        driver.deleteGuest("web9");
        assertThat(bed.configRoot.resolve("web9")).doesNotExist();
        assertThat(bed.guestsRoot.resolve("web9")).doesNotExist();
        assertThat(bed.configRoot.resolve("web1")).as("the other guest").exists();
    }

    @Test
    void aWebTierThatLiesAboutAGuestsRootCannotMoveTheAgent() throws Exception {
        Path victim = Files.createDirectories(temp.resolve("victim/etc"));
        Files.writeString(victim.resolve("shadow"), "root:x:0:");
        Files.writeString(bed.guestsRoot.resolve("web1/file"), "guest data");

        driver.deleteRoot(spec("web1", 2, victim));

        assertThat(victim.resolve("shadow")).hasContent("root:x:0:");
        assertThat(bed.guestsRoot.resolve("web1")).doesNotExist();
    }

    @Test
    void aRootOutsideTheGuestsRootOrSharedWithAnotherGuestIsNotTouched() throws Exception {
        Path etc = Files.createDirectories(temp.resolve("host-etc"));
        bed.guest("web2", 40002, etc);
        bed.guest("web3", 40003, bed.guestsRoot.resolve("web1"));

        assertThatThrownBy(() -> driver.start(spec("web2", 40002, bed.guestsRoot.resolve("web2"))))
                .isInstanceOf(HostOperationException.class).hasMessageContaining("is outside " + bed.guestsRoot);
        assertThatThrownBy(() -> driver.deleteRoot(spec("web3", 40003, bed.guestsRoot.resolve("web3"))))
                .isInstanceOf(HostOperationException.class).hasMessageContaining("is also guest 'web1''s");

        assertThat(bed.fake.calls()).isEmpty();
        assertThat(etc).exists();
        assertThat(bed.guestsRoot.resolve("web1")).exists();
    }

    @Test
    void aGuestTheHostDoesNotHaveIsRefusedNamingTheField() {
        assertThatThrownBy(() -> driver.start(spec("ghost", 40002, bed.guestsRoot.resolve("ghost"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("guest: no guest 'ghost' on this host");
        assertThatThrownBy(() -> driver.start(spec("../web1", 40002, bed.guestsRoot)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("guest: a guest name");
        assertThat(bed.fake.calls()).isEmpty();
    }

    @Test
    void execStreamsTheGuestsOutputLineByLine() {
        GuestSpec web1 = spec("web1", 40001, bed.guestsRoot.resolve("web1"));
        bed.fake.markRunning("web1");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());

        var result = driver.exec(web1, List.of("printf", "one\\ntwo\\n"), lines::add, Duration.ofSeconds(10));

        assertThat(result.exitCode()).isZero();
        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void aLiveLimitIsCheckedByTheAgentAndApplied() {
        GuestSpec web1 = spec("web1", 40001, bed.guestsRoot.resolve("web1"));
        bed.fake.markRunning("web1");

        driver.setLimitLive(web1, "nproc", new LimitValues(100, 200));
        assertThatThrownBy(() -> driver.setLimitLive(web1, "nproc", new LimitValues(300, 200)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exceeds hard limit");
        assertThatThrownBy(() -> driver.setLimitLive(web1, "coredump", LimitValues.both(1)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("limit:");

        assertThat(bed.fake.calls()).filteredOn(c -> c.getFirst().equals("vlimit")).hasSize(1);
    }

    @Test
    void aDriverFailureComesBackWithTheDriversReason() {
        bed.fake.failWith("vserver.start", 1, "web1: cannot mount /proc");

        assertThatThrownBy(() -> driver.start(spec("web1", 40001, bed.guestsRoot.resolve("web1"))))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("cannot mount /proc");
    }

    @Test
    void aBuildThatNeedsNoConfigFirstIsNotCarriedYetAndSaysWhy() {
        assertThatThrownBy(() -> driver.buildRoot(spec("web1", 40001, bed.guestsRoot.resolve("web1")), BuildRequest.skeleton(),
                line -> {
                }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("builds a guest before its config exists");
        assertThat(bed.fake.calls()).isEmpty();
    }

    @Test
    void aTerminalRunsThroughTheAgentAndEndsWhenClosed() throws Exception {
        GuestSpec web1 = spec("web1", 40001, bed.guestsRoot.resolve("web1"));
        bed.fake.markRunning("web1");

        TerminalSession terminal = driver.openTerminal(web1, new TerminalSize(80, 24));
        terminal.write("echo answer-$((6*7))\n".getBytes(StandardCharsets.UTF_8));
        StringBuilder shown = new StringBuilder();
        byte[] buffer = new byte[4096];
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!shown.toString().contains("answer-42") && System.nanoTime() < deadline) {
            int n = terminal.read(buffer);
            assertThat(n).as("the terminal still shows something").isNotNegative();
            shown.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        assertThat(shown.toString()).contains("fake-guest#").contains("answer-42");
        terminal.resize(new TerminalSize(100, 30));

        terminal.close();
        while (terminal.read(buffer) >= 0) {
            // what it showed before it ended
        }
        assertThat(terminal.isAlive()).isFalse();
    }

    @Test
    void diskUsageIsWalkedByTheAgentInTheGuestsOwnRoot() throws Exception {
        Files.write(bed.guestsRoot.resolve("web1/data"), new byte[40_000]);

        DiskUsage usage = driver.diskUsage(spec("web1", 40001, temp), Duration.ofSeconds(10), "walked");

        assertThat(usage.complete()).isTrue();
        assertThat(usage.note()).isEqualTo("walked");
        assertThat(usage.inodes()).isEqualTo(2);
        assertThat(usage.spaceKiB()).isEqualTo(40 + 4);
    }

    @Test
    void callsRunSideBySideOnOneConnection() throws Exception {
        GuestSpec web1 = spec("web1", 40001, bed.guestsRoot.resolve("web1"));
        bed.fake.markRunning("web1");
        Thread slow = Thread.ofVirtual().start(() -> driver.exec(web1, List.of("sleep", "2"), l -> {
        }, Duration.ofSeconds(10)));
        Thread.sleep(200);

        long started = System.nanoTime();
        assertThat(driver.isRunning(web1)).isTrue();
        long took = System.nanoTime() - started;
        slow.join();

        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aWebTierStartedBeforeItsAgentWaitsForTheSocket() throws Exception {
        bed.close();
        Thread late = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(700);
                bed.restart();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(AgentHostDriver.overSocket(bed.socket, Duration.ofSeconds(20)).name()).isEqualTo("vserver");
        late.join();
        bed.close();
        assertThatThrownBy(() -> AgentHostDriver.overSocket(bed.socket, Duration.ofMillis(300)))
                .isInstanceOf(HostOperationException.class).hasMessageContaining("cannot reach the host agent at " + bed.socket);
    }

    @Test
    void anAgentThatWentAwayIsReachedAgainAtTheNextCall() throws Exception {
        GuestSpec web1 = spec("web1", 40001, bed.guestsRoot.resolve("web1"));
        assertThat(driver.isRunning(web1)).isFalse();

        bed.restart();

        // a call made before the broken connection was noticed fails, naming the agent; the next connects again
        try {
            driver.isRunning(web1);
        } catch (HostOperationException e) {
            assertThat(e).hasMessageContaining("host agent");
        }
        assertThat(driver.isRunning(web1)).isFalse();
    }
}
