package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.ContextDetails;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.proc.StatCommand;

/**
 * A real unprivileged LXC guest (its own cgroup parent, bridge and pool) seen by the Context tab's
 * port method, the host row and {@code stat} on this stock kernel: the figures the cgroup gives,
 * "not available on this driver" for the rest, never a made-up number.
 */
class LinuxContextIT {

    private static final int XID = 4241;

    private GuestSandbox sandbox;
    private LinuxDriver driver;

    @BeforeEach
    void setUp() throws Exception {
        sandbox = new GuestSandbox("vsc-ctx", "vsbrctx", "10.241.0.0/24");
        driver = sandbox.driver;
        assertThat(driver.readOnlyReason()).isEmpty();
    }

    @AfterEach
    void tearDown() throws Exception {
        sandbox.close();
    }

    @Test
    void aRunningGuestsContextHostRowAndStatLineComeFromItsCgroup() throws Exception {
        GuestSpec guest = sandbox.skeleton("ctxit", XID, Map.of());
        driver.start(guest);

        // The skeleton's init forks its sleep a moment after start returns.
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.contextDetails(guest).orElseThrow().cvirt().threads() >= 2);
        ContextDetails details = driver.contextDetails(guest).orElseThrow();
        assertThat(details.source()).isEqualTo("cgroup vsc-ctx/" + XID + " (v1)");
        assertThat(details.cvirt().threads()).as("init and its sleep").isGreaterThanOrEqualTo(2);
        assertThat(details.cvirt().uptimeMs()).isBetween(0L, 60_000L);
        assertThat(details.cvirt().load1()).as("a stock kernel keeps no per-context load").isNull();
        assertThat(details.cvirt().totalForks()).isNull();
        assertThat(details.sched()).isNull();
        assertThat(details.sockets()).isNull();
        assertThat(details.rawFiles()).isEmpty();
        assertThat(details.unavailable()).anyMatch(line -> line.contains("not available on this driver"));

        assertThat(driver.otherContexts(List.of()).keySet()).as("a context no guest names, and the host").contains(0, XID);
        var others = driver.otherContexts(List.of(guest));
        assertThat(others.keySet()).doesNotContain(XID).contains(0);
        assertThat(others.get(0).processes()).as("this JVM at least").isPositive();

        Path config = Files.createDirectories(sandbox.dir.resolve("stat-config/ctxit"));
        Files.writeString(config.resolve("context"), XID + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = StatCommand.run(new String[]{"stat", "--proc-root", "/proc", "--config-root", config.getParent().toString(),
                "--cgroup-root", GuestSandbox.CGROUP_ROOT.toString(), "--cgroup-parent", "vsc-ctx"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                LinuxStat::compute);
        String table = out.toString(StandardCharsets.UTF_8);
        System.out.print("LinuxContextIT stat on this host:\n" + table);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(StatCommand.OK);
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).isEqualTo("CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME");
        assertThat(lines.get(1)).startsWith("0 ").endsWith(" root server");
        assertThat(lines.get(2)).startsWith(XID + " ").endsWith(" ctxit");

        driver.stop(guest, Duration.ofSeconds(5));
        assertThat(driver.contextDetails(guest)).isEmpty();
    }
}
