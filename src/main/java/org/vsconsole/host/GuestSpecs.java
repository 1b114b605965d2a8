package org.vsconsole.host;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.InterfaceEntry;
import org.vsconsole.host.config.LimitSetting;
import org.vsconsole.host.config.NewGuest;

/** Turns a parsed config tree into what a driver needs, resolving the root the way util-vserver does. */
public final class GuestSpecs {

    private GuestSpecs() {
    }

    public static GuestSpec from(GuestConfig config, Path guestsRoot) {
        Path root = rootOf(config, guestsRoot);
        List<GuestSpec.Address> addresses = config.interfaces().stream()
                .filter(i -> !i.disabled() && i.ip() != null)
                .map(i -> new GuestSpec.Address(i.ip(), prefixOf(i, i.ip(), config), devOf(i, config)))
                .toList();
        Map<String, LimitValues> limits = new LinkedHashMap<>();
        for (Map.Entry<String, LimitSetting> e : config.rlimits().entrySet()) {
            if (!e.getValue().isEmpty()) {
                limits.put(e.getKey(), e.getValue().effective());
            }
        }
        int xid = config.context() == null ? 0 : config.context();
        return new GuestSpec(config.name(), xid, config.configDir(), root, config.nodename() == null ? config.name() : config.nodename(),
                config.domainname(),
                config.tmpSize(), addresses, limits,
                config.personality() == null ? null : config.personality().type(), diskQuotaOf(config, root),
                org.vsconsole.host.config.VserverNames.CapabilityFile.SYSTEM.removed(config.bcapabilities()));
    }

    /**
     * The guest a creation is about to make, before any config exists on disk (a build that makes
     * the config dir itself needs it first): the root is {@code <guests-root>/<name>}, the default
     * {@code /tmp} size 16m, as {@code GuestConfigWriter} writes them.
     */
    public static GuestSpec from(NewGuest guest, Path configRoot, Path guestsRoot) {
        List<GuestSpec.Address> addresses = guest.interfaces().stream()
                .map(i -> new GuestSpec.Address(i.ip(), i.prefix(), i.nodev() ? null : i.dev()))
                .toList();
        return new GuestSpec(guest.name(), guest.context(), configRoot.resolve(guest.name()),
                guestsRoot.resolve(guest.name()), guest.nodename() == null ? guest.name() : guest.nodename(),
                guest.domainname(), guest.tmpSize() == null ? "16m" : guest.tmpSize(), addresses, guest.rlimits());
    }

    /** util-vserver applies an entry only when all its files exist; the one for the guest's root counts here. */
    private static GuestSpec.@Nullable DiskQuota diskQuotaOf(GuestConfig config, Path root) {
        return config.dlimits().stream()
                .filter(d -> !d.disabled() && d.complete())
                .filter(d -> Path.of(d.directory()).normalize().equals(root))
                .findFirst()
                .map(d -> new GuestSpec.DiskQuota(Objects.requireNonNull(d.spaceTotalKiB(), "a complete entry has it"),
                        Objects.requireNonNull(d.inodesTotal(), "a complete entry has it")))
                .orElse(null);
    }

    /**
     * The guest root: the {@code vdir} link target (relative targets resolve against the config
     * dir), or {@code <guests-root>/<name>} when the link is missing.
     */
    public static Path rootOf(GuestConfig config, Path guestsRoot) {
        String target = config.vdirTarget();
        if (target == null || target.isBlank()) {
            return guestsRoot.resolve(config.name());
        }
        Path link = Path.of(target);
        return link.isAbsolute() ? link.normalize() : config.configDir().resolve(link).normalize();
    }

    /** Whether anything at all (even a dangling link) sits at {@code path}, a config dir or a root. */
    public static boolean present(Path path) {
        return java.nio.file.Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether {@code path} is a real directory, not a link to one. */
    public static boolean isDirectory(Path path) {
        return java.nio.file.Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    private static int prefixOf(InterfaceEntry entry, String ip, GuestConfig config) {
        if (entry.prefix() != null) {
            return entry.prefix();
        }
        Integer fallback = config.interfaceDefaults() == null ? null : config.interfaceDefaults().prefix();
        if (fallback != null) {
            return fallback;
        }
        return ip.contains(":") ? 64 : 24;
    }

    private static @Nullable String devOf(InterfaceEntry entry, GuestConfig config) {
        if (entry.dev() != null) {
            return entry.dev();
        }
        return config.interfaceDefaults() == null ? null : config.interfaceDefaults().dev();
    }
}
