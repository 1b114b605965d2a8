package org.vsconsole.host.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;

/**
 * The configured addresses of a guest, on one veth pair: the guest end becomes {@code eth0} in
 * the guest's own network namespace, the host end joins the console's host-only bridge (no
 * address on it, no NAT, no forwarding set up here). Runs before the guest's init is released,
 * so init finds its network; a guest without addresses keeps just its loopback.
 */
final class NetworkSetup {

    private static final String GUEST_DEV = "eth0";

    private final String ip;
    private final String nsenter;
    private final String bridge;
    private final Duration timeout;

    NetworkSetup(String ip, String nsenter, String bridge, Duration timeout) {
        this.ip = ip;
        this.nsenter = nsenter;
        this.bridge = bridge;
        this.timeout = timeout;
    }

    static String hostVeth(int xid) {
        return "vsh" + xid;
    }

    /** Loopback is already up (vsc-launch does that); this adds the configured addresses. */
    void attach(GuestSpec guest, int initPid) {
        if (guest.interfaces().isEmpty()) {
            return;
        }
        ensureBridge(guest);
        String host = hostVeth(guest.xid());
        String peer = "vsg" + guest.xid();
        detach(guest); // a veth left by a crash would make the add fail
        host(guest, List.of("link", "add", host, "type", "veth", "peer", "name", peer, "netns", Integer.toString(initPid)));
        host(guest, List.of("link", "set", host, "master", bridge, "up"));
        inGuest(guest, initPid, List.of("link", "set", peer, "name", GUEST_DEV));
        for (GuestSpec.Address address : guest.interfaces()) {
            inGuest(guest, initPid, List.of("addr", "add", cidr(guest, address), "dev", GUEST_DEV));
        }
        inGuest(guest, initPid, List.of("link", "set", GUEST_DEV, "up"));
    }

    /** Removes the host end; the kernel drops the pair with the guest's namespace anyway. */
    void detach(GuestSpec guest) {
        Path device = Path.of("/sys/class/net", hostVeth(guest.xid()));
        if (Files.exists(device)) {
            try {
                host(guest, List.of("link", "del", hostVeth(guest.xid())));
            } catch (HostOperationException e) {
                if (Files.exists(device)) {
                    throw e;
                } // else the dying namespace took the pair with it meanwhile
            }
        }
    }

    private void ensureBridge(GuestSpec guest) {
        if (!Files.exists(Path.of("/sys/class/net", bridge))) {
            host(guest, List.of("link", "add", "name", bridge, "type", "bridge"));
        }
        host(guest, List.of("link", "set", bridge, "up"));
    }

    /** {@code ip} takes no {@code --}, so an address must not be able to look like an option. */
    private static String cidr(GuestSpec guest, GuestSpec.Address address) {
        boolean v6 = address.ip().contains(":");
        if (!address.ip().matches("[0-9A-Fa-f:.]{2,45}") || address.prefix() < 0 || address.prefix() > (v6 ? 128 : 32)) {
            throw new HostOperationException("start", guest.name(), "invalid address " + address.ip() + "/" + address.prefix());
        }
        return address.ip() + "/" + address.prefix();
    }

    private void host(GuestSpec guest, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(ip);
        argv.addAll(args);
        CommandRunner.run("network", guest.name(), argv, timeout);
    }

    private void inGuest(GuestSpec guest, int initPid, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(nsenter, "-t", Integer.toString(initPid), "-n", "--", ip));
        argv.addAll(args);
        CommandRunner.run("network", guest.name(), argv, timeout);
    }
}
