package org.vsconsole.provisioning;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.Ipv4Network;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.InterfaceEntry;
import org.vsconsole.host.config.IpLiteral;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the first free IPv4 address of a pool such as {@code 10.88.0.0/24}. It skips the
 * network address, the first host address (by convention the host's own end, the guests'
 * gateway), the broadcast address, and every address any guest on disk has on any interface:
 * the config tree, not a lease table, says what is taken, so hand-made guests count too.
 */
final class AddressAllocator {

    private final Ipv4Network network;

    /** @throws IllegalArgumentException for a pool that is not an IPv4 CIDR with room for guests */
    AddressAllocator(String pool) {
        String[] parts = pool == null ? new String[0] : pool.trim().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("address pool '" + pool + "' must look like 10.88.0.0/24");
        }
        IpLiteral ip;
        int bits;
        try {
            ip = HostGrammar.ipAddress(parts[0]);
            bits = HostGrammar.prefix(parts[1], false);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException("address pool '" + pool + "': " + e.getMessage(), e);
        }
        if (ip.isIpv6() || bits < 8 || bits > 30) {
            throw new IllegalArgumentException("address pool '" + pool + "' must be IPv4 with a prefix of 8..30");
        }
        this.network = new Ipv4Network(toInt(ip.bytes()), bits);
    }

    int prefix() {
        return network.prefix();
    }

    String pool() {
        return network.toString();
    }

    boolean contains(IpLiteral ip) {
        return !ip.isIpv6() && network.contains(toInt(ip.bytes()));
    }

    /**
     * @param used addresses taken by guests on disk and by creations still running (any form;
     *             what does not parse as IPv4 cannot collide and is ignored)
     */
    String next(Set<String> used) {
        Set<Integer> taken = new HashSet<>();
        for (String u : used) {
            Integer v = v4(u);
            if (v != null) {
                taken.add(v);
            }
        }
        int first = network.network() + 2; // past the network address and the gateway
        int broadcast = Ipv4Network.toInt(Ipv4Network.broadcast(network.address(), network.prefix()));
        for (int a = first; a != broadcast; a++) {
            if (!taken.contains(a)) {
                return Ipv4Network.toText(a);
            }
        }
        throw new InvalidInputException("ip", "the address pool " + network + " is exhausted: every address from "
                + Ipv4Network.toText(first) + " to " + Ipv4Network.toText(broadcast - 1) + " is used by a guest; give an address");
    }

    /** Every address configured on any interface of any guest on disk. */
    static Set<String> usedBy(Collection<GuestConfig> guests) {
        Set<String> used = new HashSet<>();
        for (GuestConfig g : guests) {
            for (InterfaceEntry e : g.interfaces()) {
                if (e.ip() != null) {
                    used.add(e.ip());
                }
            }
        }
        return used;
    }

    /** The guest on disk that has this address (compared as bytes, so {@code ::1} equals {@code 0::1}). */
    static Optional<String> holder(IpLiteral ip, Collection<GuestConfig> guests) {
        for (GuestConfig g : guests) {
            for (InterfaceEntry e : g.interfaces()) {
                if (e.ip() != null && sameAddress(ip, e.ip())) {
                    return Optional.of(g.name());
                }
            }
        }
        return Optional.empty();
    }

    static boolean sameAddress(IpLiteral ip, String other) {
        try {
            return HostGrammar.ipAddress(other).sameAddress(ip);
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static @Nullable Integer v4(String text) {
        try {
            IpLiteral ip = HostGrammar.ipAddress(text);
            return ip.isIpv6() ? null : toInt(ip.bytes());
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static int toInt(byte[] b) {
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

}
