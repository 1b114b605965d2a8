package org.vsconsole.host.linux;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostAptSources;

/**
 * When the guests' package cache (apt-cacher-ng on the bridge's gateway) is started: before a
 * Debian build, which goes through it, and at a guest's start, so it is back after a host reboot.
 * Either goes on without it when it cannot run.
 */
final class GuestPackageCache {

    private static final Logger log = LoggerFactory.getLogger(GuestPackageCache.class);

    private final LinuxDriverSettings settings;
    private final Path runDir;
    private final boolean networkTools;
    private final Supplier<BridgeNetwork> network;

    GuestPackageCache(LinuxDriverSettings settings, Path runDir, boolean networkTools, Supplier<BridgeNetwork> network) {
        this.settings = settings;
        this.runDir = runDir;
        this.networkTools = networkTools;
        this.network = network;
    }

    /**
     * Makes sure the cache runs (it needs the bridge's gateway) and answers its address, or null
     * when none is configured or the host has none; a build goes on without it.
     */
    @Nullable
    String proxyFor(GuestSpec guest, Consumer<String> progress, HostAptSources mirrors) {
        if (!configured()) {
            return null;
        }
        network.get().ensureBridge(guest.name());
        return running(progress, mirrors);
    }

    /** Called after the guest's port was added, which made sure of the bridge. */
    void startFor(GuestSpec guest) {
        if (!configured()) {
            return;
        }
        try {
            running(line -> log.info("{}: {}", guest.name(), line), HostAptSources.ofHost());
        } catch (RuntimeException e) {
            log.warn("The guests' package cache did not start: {}", e.getMessage()); // the guest runs regardless
        }
    }

    /** Where base trees and the cache's files live. */
    Path cacheDir() {
        return settings.cache().dir() != null ? settings.cache().dir() : runDir.resolveSibling("cache");
    }

    private boolean configured() {
        return settings.cache().aptPort() != 0 && networkTools;
    }

    /** The cache's address once it answers; the bridge must carry the gateway already. */
    private @Nullable String running(Consumer<String> progress, HostAptSources mirrors) {
        PackageCache cache = new PackageCache(runDir, cacheDir().resolve("apt"), settings.addressPool().gateway(),
                settings.cache().aptPort(), mirrors);
        Optional<String> missing = cache.ensureRunning();
        if (missing.isPresent()) {
            progress.accept("No package cache for guests: " + missing.get());
            return null;
        }
        return cache.proxyUrl();
    }
}
