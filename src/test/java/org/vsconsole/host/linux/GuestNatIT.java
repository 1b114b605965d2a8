package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.process.HostTools;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.GuestSpec;

/**
 * {@code vsconsole.linux.nat}: guests go out masqueraded behind the host, and without it nothing
 * is forwarded. "Out" is a network namespace this test makes (10.233.0.0/24 on its own veth pair)
 * and which knows no route back to the guests' pool: a guest's ping is answered there only when
 * its source became the host's address. No packet leaves the machine. XIDs 4500..4509.
 */
class GuestNatIT {

    private static final String UPSTREAM = "vsc-nat-up";
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");

    private String forwardBefore;

    @BeforeEach
    void makeUpstream() throws Exception {
        forwardBefore = Files.readString(IP_FORWARD).strip();
        ip("netns", "add", UPSTREAM);
        ip("link", "add", "vsnatH", "type", "veth", "peer", "name", "vsnatN", "netns", UPSTREAM);
        ip("addr", "add", "10.233.0.1/24", "dev", "vsnatH");
        ip("link", "set", "vsnatH", "up");
        ip("-n", UPSTREAM, "addr", "add", "10.233.0.2/24", "dev", "vsnatN");
        ip("-n", UPSTREAM, "link", "set", "vsnatN", "up");
        ip("-n", UPSTREAM, "link", "set", "lo", "up");
    }

    @AfterEach
    void removeUpstream() throws Exception {
        ip("netns", "del", UPSTREAM); // takes the veth pair with it
        Files.writeString(IP_FORWARD, forwardBefore); // the host's own setting, as it was
    }

    @Test
    void withNatAGuestReachesTheOutsideAsTheHost() throws Exception {
        try (GuestSandbox sandbox = new GuestSandbox("vsconsole-nat", "vsbrnat0", "10.232.8.0/24", true)) {
            GuestSpec guest = guest(sandbox, "out1", 4500, "10.232.8.10");

            assertThat(sandbox.exec(guest, "ping", "-c", "1", "-W", "2", "10.233.0.2")).contains("1 packets received");
            // the upstream side saw the host's address, never the guest's
            assertThat(ip("-n", UPSTREAM, "neigh", "show")).contains("10.233.0.1").doesNotContain("10.232.8.10");
        }
    }

    @Test
    void withoutNatNothingIsForwardedOut() throws Exception {
        Files.writeString(IP_FORWARD, "1"); // even where the host forwards for its own reasons
        try (GuestSandbox sandbox = new GuestSandbox("vsconsole-nat", "vsbrnat0", "10.232.8.0/24", false)) {
            GuestSpec guest = guest(sandbox, "out2", 4501, "10.232.8.11");

            assertThat(sandbox.exec(guest, "ping", "-c", "1", "-W", "2", "10.233.0.2")).contains("0 packets received");
            assertThat(sandbox.exec(guest, "ping", "-c", "1", "-W", "2", "10.232.8.1")).contains("1 packets received");
        }
    }

    private static GuestSpec guest(GuestSandbox sandbox, String name, int xid, String address) {
        GuestSpec guest = sandbox.spec(name, xid, Map.of(), List.of(new GuestSpec.Address(address, 24, null)));
        sandbox.driver.buildRoot(guest, BuildRequest.skeleton(), line -> {
        });
        sandbox.driver.start(guest);
        return guest;
    }

    private static String ip(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(HostTools.find("ip").orElseThrow()));
        argv.addAll(List.of(args));
        return LinuxCommands.run("test", null, argv, Duration.ofSeconds(10));
    }
}
