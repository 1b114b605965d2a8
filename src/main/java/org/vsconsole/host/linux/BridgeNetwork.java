package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.vsconsole.host.process.HostTools;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.Ipv4Network;

/**
 * The host side of the guests' network: one bridge that carries the pool's gateway address, so
 * the host reaches its guests and nothing for a guest address leaves by the default route; no
 * IPv6 on it; and the {@link BridgeFirewall} rules for every guest port. Each running guest's port
 * is kept as a small file in the run-state directory, so the ruleset can be rebuilt after a
 * console restart from what runs, not from memory.
 */
final class BridgeNetwork {

    private final String ip;
    private final String nft;
    private final String bridge;
    private final Ipv4Network pool;
    private final boolean nat;
    private final int cachePort;
    private final Path portsDir;
    private final Duration timeout;

    BridgeNetwork(String ip, String nft, LinuxDriverSettings settings, Path runDir) {
        this.ip = ip;
        this.nft = nft;
        this.bridge = settings.bridge();
        this.pool = settings.addressPool();
        this.nat = settings.nat();
        this.cachePort = settings.cache().aptPort();
        this.portsDir = runDir.resolve("ports");
        this.timeout = settings.commandTimeout();
    }

    String bridge() {
        return bridge;
    }

    Ipv4Network pool() {
        return pool;
    }

    static String hostVeth(int xid) {
        return "vsh" + xid;
    }

    /** A stable, locally administered MAC from the context: neighbours keep it across restarts. */
    static String mac(int xid) {
        return String.format("02:76:73:%02x:%02x:%02x", (xid >>> 16) & 0xff, (xid >>> 8) & 0xff, xid & 0xff);
    }

    /** A locally administered MAC of the bridge's own, the same at every start of the console. */
    static String bridgeMac(String bridge) {
        int hash = bridge.hashCode();
        return String.format("02:76:62:%02x:%02x:%02x", (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff);
    }

    /** The bridge exists, has no IPv6, carries the gateway and is up; the ruleset matches the ports. */
    void ensureBridge(String guest) {
        Path device = Path.of("/sys/class/net", bridge);
        if (!Files.exists(device)) {
            run(guest, List.of(ip, "link", "add", "name", bridge, "type", "bridge"));
        }
        // before the link is up, so it never gets an IPv6 link-local address guests could reach
        writeSysctl(guest, Path.of("/proc/sys/net/ipv6/conf", bridge, "disable_ipv6"), "1");
        // a bridge takes the lowest MAC of its ports unless given one: each guest start could then
        // move the gateway to another MAC, and the kernel forgets the bridge's neighbours with it
        // (set only when it differs: setting it at all makes the kernel forget them too)
        if (!bridgeMac(bridge).equals(readString(guest, device.resolve("address")))) {
            run(guest, List.of(ip, "link", "set", "dev", bridge, "address", bridgeMac(bridge)));
        }
        String gateway = pool.gateway() + "/" + pool.prefix();
        String addresses = LinuxCommands.run("network", guest, List.of(ip, "-o", "-4", "addr", "show", "dev", bridge),
                timeout);
        if (!addresses.contains(" " + gateway + " ")) {
            run(guest, List.of(ip, "addr", "add", gateway, "dev", bridge));
        }
        run(guest, List.of(ip, "link", "set", bridge, "up"));
        if (nat) {
            writeSysctl(guest, Path.of("/proc/sys/net/ipv4/ip_forward"), "1");
        }
        applyRules(guest);
    }

    /** Adds the guest's port to the rules before its veth exists, so its first frame is filtered. */
    void addPort(GuestSpec guest) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (GuestSpec.Address address : guest.interfaces()) {
            (address.ip().contains(":") ? v6 : v4).add(address.ip());
        }
        String line = mac(guest.xid()) + "|" + String.join(",", v4) + "|" + String.join(",", v6) + "\n";
        try {
            Files.createDirectories(portsDir);
            Files.writeString(portsDir.resolve(Integer.toString(guest.xid())), line, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new HostOperationException("network", guest.name(), "cannot record the guest's port: " + e.getMessage(), e);
        }
        ensureBridge(guest.name());
    }

    void removePort(GuestSpec guest) {
        try {
            boolean had = Files.deleteIfExists(portsDir.resolve(Integer.toString(guest.xid())));
            if (had) {
                applyRules(guest.name());
            }
        } catch (IOException e) {
            throw new HostOperationException("network", guest.name(), "cannot drop the guest's port: " + e.getMessage(), e);
        }
    }

    /**
     * Tells the neighbours where the guest's addresses are now (unsolicited ARP), sent from inside
     * the guest's network namespace only: the host's own {@code arping} runs there, not the guest's.
     */
    void announce(GuestSpec guest, int initPid) {
        String arping = HostTools.find("arping").orElse(null);
        String nsenter = HostTools.find("nsenter").orElse(null);
        if (arping == null || nsenter == null) {
            return;
        }
        for (GuestSpec.Address address : guest.interfaces()) {
            if (!address.ip().contains(":")) {
                LinuxCommands.stream("network", guest.name(), List.of(nsenter, "-t", Integer.toString(initPid), "-n",
                        "--", arping, "-U", "-c", "1", "-I", "eth0", address.ip()), line -> {
                        }, timeout);
            }
        }
    }

    private void applyRules(String guest) {
        List<BridgeFirewall.Port> ports = new ArrayList<>();
        if (Files.isDirectory(portsDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(portsDir, "[0-9]*")) {
                for (Path file : files) {
                    int xid = Integer.parseInt(file.getFileName().toString());
                    String[] f = Files.readString(file).strip().split("\\|", -1); // mac|ipv4,…|ipv6,…
                    ports.add(new BridgeFirewall.Port(xid, hostVeth(xid), f[0], list(f[1]), list(f[2])));
                }
            } catch (IOException | RuntimeException e) {
                throw new HostOperationException("network", guest, "cannot read the guests' ports in " + portsDir
                        + ": " + e.getMessage(), e);
            }
        }
        ports.sort((a, b) -> Integer.compare(a.xid(), b.xid()));
        Path script = portsDir.resolveSibling("bridge.nft");
        try {
            Files.writeString(script, BridgeFirewall.render(bridge, pool, nat, cachePort, ports));
        } catch (IOException e) {
            throw new HostOperationException("network", guest, "cannot write " + script + ": " + e.getMessage(), e);
        }
        run(guest, List.of(nft, "-f", script.toString()));
    }

    private static List<String> list(String field) {
        return field.isEmpty() ? List.of() : List.of(field.split(","));
    }

    private static String readString(String guest, Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new HostOperationException("network", guest, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeSysctl(String guest, Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new HostOperationException("network", guest, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void run(String guest, List<String> argv) {
        LinuxCommands.run("network", guest, argv, timeout);
    }
}
