package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.TreeRemover;
import org.vsconsole.host.process.HostTools;
import org.vsconsole.host.BuildProgress;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.HostOperationException;

/**
 * Pristine base trees, one per suite and mirror, built once by {@code debootstrap} and copied for
 * every further guest of that suite: the first guest of a suite takes minutes, the next ones
 * seconds. A tree older than its maximum age is built afresh. The trees stay owned by host ids in
 * a directory only root can enter; no guest process ever runs in them.
 */
final class BaseTreeCache {

    private final Path treesDir;
    private final Duration maxAge;
    private final Duration buildTimeout;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    BaseTreeCache(Path cacheDir, Duration maxAge, Duration buildTimeout) {
        this.treesDir = cacheDir.resolve("trees");
        this.maxAge = maxAge;
        this.buildTimeout = buildTimeout;
    }

    /**
     * Copies the suite's base tree to {@code target} (which must not exist), building it first
     * when there is none or it is too old. {@code proxy} (may be null) is the package cache
     * debootstrap downloads through.
     */
    void copyTo(String guest, String suite, String mirror, @Nullable String proxy, Path target, BuildProgress progress)
            throws IOException {
        Path entry = treesDir.resolve(suite + "-" + key(mirror));
        ReentrantLock lock = locks.computeIfAbsent(entry.toString(), k -> new ReentrantLock());
        lock.lock();
        try {
            Path tree = entry.resolve("tree");
            Instant built = builtAt(entry);
            if (built == null || built.plus(maxAge).isBefore(Instant.now())) {
                progress.accept(built == null
                        ? "No base tree of " + suite + " from " + mirror + " yet: running debootstrap"
                        : "The base tree of " + suite + " is from " + built + ": running debootstrap afresh");
                bootstrap(guest, suite, mirror, proxy, entry, progress);
            } else {
                progress.accept("Copying the base tree of " + suite + " built " + built + " (" + tree + ")");
            }
            progress.percent(100);
            copy(guest, tree, target, progress);
        } finally {
            lock.unlock();
        }
    }

    private void bootstrap(String guest, String suite, String mirror, @Nullable String proxy, Path entry, BuildProgress progress)
            throws IOException {
        Files.createDirectories(treesDir);
        Files.setPosixFilePermissions(treesDir, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(entry);
        Path partial = entry.resolve("tree.partial");
        TreeRemover remover = TreeRemover.ofThisProcess();
        if (Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
            remover.remove(partial); // an earlier build that was cancelled or crashed
        }
        String debootstrap = HostTools.find("debootstrap").orElseThrow(() -> new HostOperationException("build", guest,
                "debootstrap is not installed on this host (apt-get install debootstrap)"));
        // debootstrap has no "--" of its own: the suite is allow-listed, the mirror an http URL and
        // the target our own path, so none of them can start with '-'
        // minbase has no init; sysvinit is small and halts on LXC's SIGPWR once the inittab says so
        List<String> argv = List.of(debootstrap, "--variant=minbase", "--include=sysvinit-core", suite,
                partial.toString(), mirror);
        Map<String, String> env = proxy == null ? Map.of() : Map.of("http_proxy", proxy);
        ExecResult result;
        try {
            result = LinuxCommands.stream("build", guest, argv, env, new DebootstrapProgress(progress), buildTimeout,
                    progress::cancelled);
        } catch (RuntimeException e) {
            remover.remove(partial); // cancelled or interrupted: no half tree is kept for the next guest
            throw e;
        }
        if (result.timedOut() || result.exitCode() != 0) {
            remover.remove(partial);
            throw new HostOperationException("build", guest, "debootstrap " + suite + " from " + mirror
                    + (result.timedOut()
                            ? " did not finish within " + buildTimeout.toMinutes() + " min"
                            : " failed with exit " + result.exitCode())
                    + " (see the build log)");
        }
        dropDownloadedPackages(partial);
        Path tree = entry.resolve("tree");
        if (Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            remover.remove(tree);
        }
        Files.move(partial, tree, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(entry.resolve("built-at"), Instant.now().toString(), StandardCharsets.US_ASCII);
    }

    /** What {@code apt-get clean} does: a third of a fresh tree, and every guest would carry a copy. */
    private static void dropDownloadedPackages(Path tree) throws IOException {
        Path archives = tree.resolve("var/cache/apt/archives");
        if (!Files.isDirectory(archives, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var debs = Files.newDirectoryStream(archives, "*.deb")) {
            for (Path deb : debs) {
                Files.deleteIfExists(deb);
            }
        }
    }

    /** {@code cp -a} keeps owners, modes, hard links, devices and capabilities; reflinks where the disk can. */
    private void copy(String guest, Path tree, Path target, BuildProgress progress) {
        String cp = HostTools.find("cp").orElseThrow(() -> new HostOperationException("build", guest, "cp is not installed"));
        ExecResult result = LinuxCommands.stream("build", guest, List.of(cp, "-a", "-x", "--reflink=auto", "--",
                tree.toString(), target.toString()), Map.of(), progress, buildTimeout, progress::cancelled);
        if (result.timedOut() || result.exitCode() != 0) {
            throw new HostOperationException("build", guest, "copying the base tree failed"
                    + (result.timedOut() ? " (timed out)" : " with exit " + result.exitCode()));
        }
    }

    private static @Nullable Instant builtAt(Path entry) {
        try {
            if (!Files.isDirectory(entry.resolve("tree"), LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            return Instant.parse(Files.readString(entry.resolve("built-at"), StandardCharsets.US_ASCII).strip());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Mirrors differ in content; the key keeps their trees apart without putting a URL in a file name. */
    private static String key(String mirror) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mirror.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
