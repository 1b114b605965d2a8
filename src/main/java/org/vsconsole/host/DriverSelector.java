package org.vsconsole.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.host.linux.LinuxDriver;
import org.vsconsole.host.linux.LinuxDriverSettings;
import org.vsconsole.host.proc.MachineUnits;
import org.vsconsole.host.proc.ProcVirtualReader;
import org.vsconsole.host.vserver.ContextFiguresSource;
import org.vsconsole.host.vserver.VserverDriver;

/**
 * Picks the driver: the {@code vsconsole.host.driver} property when it names one, otherwise
 * {@code vserver} where {@code <proc-root>/virtual/info} exists, {@code linux} when running as
 * root with writable cgroups, and read-only (with the reason) everywhere else.
 */
@Component
public class DriverSelector {

    private final ConsoleProperties console;
    private final String cgroupParent;
    private final String bridge;
    private final String addressPool;
    private final boolean nat;
    private final LinuxDriverSettings.BuildCache cache;

    public DriverSelector(ConsoleProperties console, LinuxProperties linux, ProvisioningProperties provisioning) {
        this.cache = new LinuxDriverSettings.BuildCache(linux.cacheDir().isBlank()
                ? console.dataDir().resolve("cache")
                : Path.of(linux.cacheDir()), linux.packageCachePort(), linux.baseTreeMaxAge());
        this.console = console;
        this.cgroupParent = linux.cgroupParent();
        this.bridge = linux.bridge();
        this.addressPool = provisioning.addressPool();
        this.nat = linux.nat();
    }

    public HostDriver select(HostProperties host) {
        String choice = host.driver() == null ? "auto" : host.driver().trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "read-only" -> new ReadOnlyDriver("the console is configured read-only (vsconsole.host.driver=read-only)");
            case "vserver" -> vserver(host);
            case "linux" -> linux(host);
            case "auto" -> auto(host);
            default -> throw new IllegalStateException("vsconsole.host.driver must be auto, vserver, linux or read-only, not '"
                    + host.driver() + "'");
        };
    }

    private HostDriver auto(HostProperties host) {
        if (Files.exists(host.procRoot().resolve("virtual/info"))) {
            return vserver(host);
        }
        if (!isRoot()) {
            return new ReadOnlyDriver("no Linux-VServer kernel, and the console is not running as root, which the"
                    + " linux driver needs to run LXC containers");
        }
        if (!Files.isWritable(host.cgroupRoot())) {
            return new ReadOnlyDriver("no Linux-VServer kernel, and the cgroup root " + host.cgroupRoot() + " is not writable");
        }
        return linux(host);
    }

    HostDriver vserver(HostProperties host) {
        ProcVirtualReader proc = new ProcVirtualReader(host.procRoot(), MachineUnits.DEFAULT);
        // every running context: the driver picks the guests' and lists the others (dynamic, leftovers)
        ContextFiguresSource figures = guests -> {
            try {
                return proc.read().figures().stream()
                        .collect(Collectors.toMap(ContextFigures::xid, f -> f, (a, b) -> a));
            } catch (IOException e) {
                throw new HostOperationException("figures", null, "Cannot read " + host.procRoot() + "/virtual: " + e.getMessage(), e);
            }
        };
        Path bin = host.utilVserverBin() == null ? Path.of("/usr/sbin") : host.utilVserverBin();
        return VserverDriver.forHost(bin, host.procRoot(), figures);
    }

    HostDriver linux(HostProperties host) {
        LinuxDriverSettings settings = LinuxDriverSettings.defaults().withCgroupParent(cgroupParent)
                .withNetwork(bridge, Ipv4Network.parse(addressPool), nat).withCache(cache);
        return new LinuxDriver(host.cgroupRoot(), host.guestsRoot(), console.dataDir().resolve("run"), settings);
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
