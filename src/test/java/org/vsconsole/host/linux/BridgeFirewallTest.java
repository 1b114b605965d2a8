package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.process.HostTools;
import org.vsconsole.host.Ipv4Network;

class BridgeFirewallTest {

    private static final Ipv4Network POOL = Ipv4Network.parse("10.88.0.0/24");
    private static final List<BridgeFirewall.Port> PORTS = List.of(
            new BridgeFirewall.Port(7, "vsh7", BridgeNetwork.mac(7), List.of("10.88.0.7"), List.of()),
            new BridgeFirewall.Port(8, "vsh8", BridgeNetwork.mac(8), List.of("10.88.0.8", "10.88.0.9"), List.of("fd00:88::8")));

    @Test
    void eachPortSendsOnlyFromItsOwnMacAndAddresses() {
        String rules = BridgeFirewall.render("vsbr0", POOL, false, 0, PORTS);

        assertThat(rules).contains("iifname \"vsh7\" jump guest_7")
                .contains("ether saddr != 02:76:73:00:00:07 drop")
                .contains("arp saddr ip != { 10.88.0.7, 0.0.0.0 } drop")
                .contains("ip saddr != { 10.88.0.8, 10.88.0.9 } drop")
                .contains("ether type ip6 drop") // guest 7 has no IPv6 address
                .contains("ip6 saddr != { fd00:88::8, fe80::/10 } drop");
    }

    @Test
    void guestsReachTheHostOnlyForAnswersAndPingsAndNothingIsForwardedWithoutNat() {
        String rules = BridgeFirewall.render("vsbr0", POOL, false, 0, PORTS);

        assertThat(rules).contains("iifname \"vsbr0\" oifname \"vsbr0\" accept") // guest to guest, filtered per port
                .contains("iifname \"vsbr0\" ct state established,related accept")
                .contains("iifname \"vsbr0\" icmp type echo-request accept")
                .contains("iifname \"vsbr0\" drop")
                .contains("oifname \"vsbr0\" drop")
                .doesNotContain("masquerade");
        assertThat(BridgeFirewall.render("vsbr0", POOL, true, 0, PORTS))
                .contains("ip saddr 10.88.0.0/24 oifname != \"vsbr0\" masquerade");
    }

    @Test
    void guestsReachThePackageCacheOnTheGatewayOnlyWhenOneRuns() {
        String withCache = BridgeFirewall.render("vsbr0", POOL, false, 3142, PORTS);
        String rule = "iifname \"vsbr0\" ip daddr 10.88.0.1 tcp dport 3142 accept";

        assertThat(withCache).contains(rule);
        assertThat(withCache.indexOf(rule)).isLessThan(withCache.indexOf("iifname \"vsbr0\" drop"));
        assertThat(BridgeFirewall.render("vsbr0", POOL, false, 0, PORTS)).doesNotContain("dport");
    }

    /** The kernel's own parser checks both variants without loading them. */
    @Test
    void nftAcceptsTheRulesetWithAndWithoutNat(@TempDir Path dir) throws Exception {
        for (boolean nat : new boolean[]{false, true}) {
            Path file = dir.resolve("rules-" + nat + ".nft");
            Files.writeString(file, BridgeFirewall.render("vsbr-check", POOL, nat, 3142, PORTS));
            LinuxCommands.run("test", null, List.of(HostTools.find("nft").orElseThrow(), "-c", "-f", file.toString()),
                    Duration.ofSeconds(10));
        }
    }
}
