package org.vsconsole.host.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.process.HostTools;
import org.vsconsole.host.BuildProgress;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.DebianSuites;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostAptSources;
import org.vsconsole.host.HostOperationException;

/** Builds a guest root by one of the three methods; the target must not exist yet. */
final class RootBuilder {

    private final Path guestsRoot;
    private final SkeletonBuilder skeleton;
    private final Duration buildTimeout;
    private final BaseTreeCache baseTrees;
    private final @Nullable String proxy;

    /** {@code proxy}: the package cache debootstrap downloads through, or null for none. */
    RootBuilder(Path guestsRoot, SkeletonBuilder skeleton, Duration buildTimeout, BaseTreeCache baseTrees, @Nullable String proxy) {
        this.guestsRoot = guestsRoot;
        this.skeleton = skeleton;
        this.buildTimeout = buildTimeout;
        this.baseTrees = baseTrees;
        this.proxy = proxy;
    }

    void build(GuestSpec guest, BuildRequest request, BuildProgress log) throws IOException {
        Path root = guest.rootDir();
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            throw fail(guest, root + " already exists; delete it first");
        }
        Files.createDirectories(root.getParent());
        switch (request.method()) {
            case SKELETON -> skeleton.build(guest, log);
            case CLONE -> cloneFrom(guest, request.source(), log);
            case DEBOOTSTRAP -> debootstrap(guest, request, log);
        }
    }

    /**
     * {@code cp -a} keeps numeric owners, modes, hard links and symlinks as they are; sparse files
     * stay sparse, and {@code -x} keeps the copy off file systems mounted inside the source.
     */
    private void cloneFrom(GuestSpec guest, @Nullable String source, BuildProgress log) {
        if (source == null || !source.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw fail(guest, "invalid source guest name: " + source);
        }
        Path from = guestsRoot.resolve(source);
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            throw fail(guest, "source guest tree " + from + " does not exist");
        }
        log.accept("copying " + from + " to " + guest.rootDir());
        runLogged(guest, List.of(tool(guest, "cp"), "-a", "-x", "--sparse=always", "--", from.toString(),
                guest.rootDir().toString()), log);
    }

    private void debootstrap(GuestSpec guest, BuildRequest request, BuildProgress log) throws IOException {
        String dist = request.dist();
        String mirror = request.mirror();
        if (dist == null || DebianSuites.family(dist).isEmpty()) {
            throw fail(guest, "debootstrap builds only the suites " + DebianSuites.known() + ", not " + dist);
        }
        if (mirror == null || !HostAptSources.HTTP_MIRROR.matcher(mirror).matches()) {
            throw fail(guest, "debootstrap needs an http:// mirror, not " + mirror);
        }
        baseTrees.copyTo(guest.name(), dist, mirror, proxy, guest.rootDir(), log);
    }

    private void runLogged(GuestSpec guest, List<String> argv, BuildProgress log) {
        ExecResult result = LinuxCommands.stream("build", guest.name(), argv, java.util.Map.of(), log, buildTimeout,
                log::cancelled);
        if (result.timedOut()) {
            throw fail(guest, argv.getFirst() + " did not finish within " + buildTimeout.toMinutes() + " min");
        }
        if (result.exitCode() != 0) {
            throw fail(guest, argv.getFirst() + " failed with exit " + result.exitCode() + " (see the build log)");
        }
    }

    private static String tool(GuestSpec guest, String name) {
        return HostTools.find(name).orElseThrow(() -> fail(guest, name + " is not installed on this host"));
    }

    private static HostOperationException fail(GuestSpec guest, String message) {
        return new HostOperationException("build", guest.name(), message);
    }
}
