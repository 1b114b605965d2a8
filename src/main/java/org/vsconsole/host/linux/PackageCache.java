package org.vsconsole.host.linux;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsconsole.host.process.HostTools;
import org.vsconsole.host.HostAptSources;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.AtomicFileWriter;

/**
 * One package cache for all guests (Debian's {@code apt-cacher-ng}), listening only on the bridge's
 * gateway, so N guests download each package once and no guest needs a route out. It runs as
 * its own unprivileged user with no new privileges: it parses HTTP from hostile guests. Like the
 * guests it outlives the console; a restarted console finds it by its pid file.
 */
final class PackageCache {

    private static final Logger log = LoggerFactory.getLogger(PackageCache.class);
    static final String USER = "apt-cacher-ng";
    private static final Duration READY = Duration.ofSeconds(10);

    private final Path stateDir;
    private final Path cacheDir;
    private final String gateway;
    private final int port;
    private final HostAptSources mirrors;

    PackageCache(Path runDir, Path cacheDir, String gateway, int port, HostAptSources mirrors) {
        this.stateDir = runDir.resolve("apt-cache");
        this.cacheDir = cacheDir;
        this.gateway = gateway;
        this.port = port;
        this.mirrors = mirrors;
    }

    /** The proxy address guests and builds use, e.g. {@code http://10.88.0.1:3142/}. */
    String proxyUrl() {
        return "http://" + gateway + ":" + port + "/";
    }

    Path transferLog() {
        return stateDir.resolve("log/apt-cacher.log");
    }

    /**
     * Starts the cache unless it already answers; call once the bridge carries the gateway.
     * Returns why there is no cache when the host cannot run one (not installed), so builds go on
     * without it; a cache that is installed but will not start is a failure.
     */
    Optional<String> ensureRunning() {
        Optional<String> daemon = HostTools.find("apt-cacher-ng");
        Optional<String> setpriv = HostTools.find("setpriv");
        if (daemon.isEmpty() || setpriv.isEmpty()) {
            return Optional.of("apt-cacher-ng " + (daemon.isEmpty() ? "is" : "and setpriv are") + " not installed");
        }
        if (answers()) {
            return Optional.empty();
        }
        try {
            prepare();
        } catch (IOException e) {
            throw new HostOperationException("package cache", null, "cannot prepare " + stateDir + ": " + e.getMessage(), e);
        }
        // ForeGround=0: the daemon detaches and outlives this console, as the guests it serves do
        LinuxCommands.run("package cache", null, List.of(setpriv.get(), "--reuid=" + USER, "--regid=" + USER,
                "--init-groups", "--no-new-privs", "--", daemon.get(), "-c", stateDir.toString(), "ForeGround=0"),
                Duration.ofSeconds(20));
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers()) {
                log.info("Package cache for guests listens on {}", proxyUrl());
                return Optional.empty();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new HostOperationException("package cache", null, "apt-cacher-ng did not listen on " + gateway + ":" + port
                + " within " + READY.toSeconds() + " s; see " + stateDir.resolve("log/apt-cacher.err"));
    }

    /** Stops the cache this console started (tests; an admin's {@code systemctl stop} otherwise). */
    void stop() throws IOException {
        Path pidFile = stateDir.resolve("state/pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
        if (text.matches("[0-9]{1,9}")) {
            long pid = Long.parseLong(text);
            ProcessHandle.of(pid).filter(p -> p.info().command().map(c -> c.endsWith("apt-cacher-ng")).orElse(false))
                    .ifPresent(ProcessHandle::destroy);
        }
        Files.deleteIfExists(pidFile);
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(gateway, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The config stays root's, in a directory only root writes: the daemon parses hostile input,
     * and if it were taken over it must not be able to plant a symlink that root's next config
     * write would follow. It writes only its log, pid and socket (and the cache), in directories of its own.
     */
    private void prepare() throws IOException {
        UserPrincipalLookupService users = stateDir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = users.lookupPrincipalByName(USER);
        GroupPrincipal group = users.lookupPrincipalByGroupName(USER);
        Files.createDirectories(stateDir);
        requireNoSymlink(stateDir);
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path dir : List.of(stateDir.resolve("log"), stateDir.resolve("state"), cacheDir)) {
            Files.createDirectories(dir);
            requireNoSymlink(dir);
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            view.setOwner(user);
            view.setGroup(group);
            view.setPermissions(PosixFilePermissions.fromString("rwxr-x---"));
        }
        new AtomicFileWriter(stateDir).write(stateDir.resolve("acng.conf"), config().getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(stateDir.resolve("acng.conf"), PosixFilePermissions.fromString("rw-r--r--"));
        // the daemon needs to pass through the run directory to reach its own
        Path parent = stateDir.getParent();
        if (parent != null) {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
        }
    }

    private static void requireNoSymlink(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symlink");
        }
    }

    /**
     * Debian's own layout (its mirror lists, {@code debrep}/{@code secdeb} names), with the
     * host's mirrors as the backends: a stock config would fall back to {@code ftp.debian.org},
     * which a host with an allow-listed network may not reach.
     */
    String config() {
        return String.join("\n",
                "# written by VServer Console; rewritten at each start of the cache",
                "CacheDir: " + cacheDir,
                "LogDir: " + stateDir.resolve("log"),
                "SupportDir: /usr/lib/apt-cacher-ng",
                "BindAddress: " + gateway,
                "Port: " + port,
                "PidFile: " + stateDir.resolve("state/pid"),
                "SocketPath: " + stateDir.resolve("state/socket"),
                "Remap-debrep: file:deb_mirror*.gz /debian ; " + mirrors.debianMirror() + "/",
                "Remap-secdeb: security.debian.org security.debian.org/debian-security deb.debian.org/debian-security"
                        + " /debian-security ; " + mirrors.debianSecurityMirror() + "/",
                "ReportPage: acng-report.html",
                "ExThreshold: 4",
                "") + "\n";
    }
}
