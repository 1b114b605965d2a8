package org.vsconsole.host.linux;

import java.util.ArrayList;
import java.util.List;
import org.vsconsole.host.Ipv4Network;

/**
 * The nftables ruleset of one guests' bridge, rebuilt whole and loaded in one transaction
 * whenever a guest's port comes or goes, so it never holds a rule of a guest that is gone.
 *
 * <ul>
 * <li>Per port (table {@code bridge}): a guest sends only from its own MAC and its own addresses,
 * in ARP as in IP; IPv6 only when it has an IPv6 address. Proxmox's {@code macfilter} and
 * {@code ipfilter} are the model.
 * <li>Guest to host (table {@code inet}): answers to the host's own connections and pings of the
 * gateway, and the package cache on the gateway when one runs; nothing else reaches the host's
 * services (sshd, the console) from a guest.
 * <li>Forwarding: none from or to the bridge unless NAT is on; then guests may go out, masqueraded
 * behind the host, and only answers come back.
 * </ul>
 */
final class BridgeFirewall {

    /** One guest's port: host veth, MAC, addresses. */
    record Port(int xid, String hostVeth, String mac, List<String> ipv4, List<String> ipv6) {
    }

    private BridgeFirewall() {
    }

    static String tableName(String bridge) {
        return "vsc_" + bridge.replace('-', '_');
    }

    static String render(String bridge, Ipv4Network pool, boolean nat, int cachePort, List<Port> ports) {
        String table = tableName(bridge);
        List<String> out = new ArrayList<>();
        // "table x" then "delete table x" makes the replacement work whether or not it existed
        for (String family : List.of("bridge", "inet", "ip")) {
            String name = family.equals("ip") ? table + "_nat" : table;
            out.add("table " + family + " " + name);
            out.add("delete table " + family + " " + name);
        }
        out.add("table bridge " + table + " {");
        for (Port port : ports) {
            out.add("  chain guest_" + port.xid() + " {");
            out.add("    ether saddr != " + port.mac() + " drop");
            out.add("    ether type arp arp saddr ether != " + port.mac() + " drop");
            List<String> arp = new ArrayList<>(port.ipv4());
            arp.add("0.0.0.0"); // address conflict probes come from no address
            out.add("    ether type arp arp saddr ip != " + set(arp) + " drop");
            out.add("    ether type ip ip saddr != " + set(port.ipv4().isEmpty() ? List.of("0.0.0.0") : port.ipv4())
                    + " drop");
            if (port.ipv6().isEmpty()) {
                out.add("    ether type ip6 drop");
            } else {
                List<String> own = new ArrayList<>(port.ipv6());
                own.add("fe80::/10"); // neighbour discovery needs the link-local address
                out.add("    ether type ip6 ip6 saddr != " + set(own) + " drop");
            }
            out.add("  }");
        }
        for (String hook : List.of("forward", "input")) {
            out.add("  chain " + hook + " {");
            out.add("    type filter hook " + hook + " priority -200; policy accept;");
            for (Port port : ports) {
                out.add("    iifname \"" + port.hostVeth() + "\" jump guest_" + port.xid());
            }
            out.add("  }");
        }
        out.add("}");
        out.add("table inet " + table + " {");
        out.add("  chain input {");
        out.add("    type filter hook input priority 0; policy accept;");
        out.add("    iifname \"" + bridge + "\" ct state established,related accept");
        out.add("    iifname \"" + bridge + "\" icmp type echo-request accept");
        if (cachePort > 0) {
            out.add("    iifname \"" + bridge + "\" ip daddr " + pool.gateway() + " tcp dport " + cachePort + " accept");
        }
        out.add("    iifname \"" + bridge + "\" drop");
        out.add("  }");
        out.add("  chain forward {");
        out.add("    type filter hook forward priority 0; policy accept;");
        // with br_netfilter bridged frames pass here too; guest to guest was filtered per port already
        out.add("    iifname \"" + bridge + "\" oifname \"" + bridge + "\" accept");
        if (nat) {
            out.add("    iifname \"" + bridge + "\" ip saddr " + pool + " accept");
            out.add("    oifname \"" + bridge + "\" ct state established,related accept");
        }
        out.add("    iifname \"" + bridge + "\" drop");
        out.add("    oifname \"" + bridge + "\" drop");
        out.add("  }");
        out.add("}");
        if (nat) {
            out.add("table ip " + table + "_nat {");
            out.add("  chain postrouting {");
            out.add("    type nat hook postrouting priority 100; policy accept;");
            out.add("    ip saddr " + pool + " oifname != \"" + bridge + "\" masquerade");
            out.add("  }");
            out.add("}");
        }
        return String.join("\n", out) + "\n";
    }

    private static String set(List<String> values) {
        return "{ " + String.join(", ", values) + " }";
    }
}
