package org.vsconsole.host.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.vsconsole.host.process.HostTools;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;

/**
 * Builds the smallest useful guest: a private copy of static busybox (a copy, not a link, so a
 * guest's root cannot rewrite the host's binary), its applets as symlinks, the device nodes a
 * shell needs (background jobs open {@code /dev/null}) and an init that starts in milliseconds.
 */
final class SkeletonBuilder {

    private static final List<String> DIRS = List.of("bin", "sbin", "usr/bin", "usr/sbin", "etc", "proc", "sys",
            "dev", "dev/pts", "root", "tmp", "var/run", "var/log", "home");
    /** Applet paths as {@code busybox --list-full} prints them; anything else is ignored. */
    private static final Pattern APPLET = Pattern.compile("(bin|sbin|usr/bin|usr/sbin)/[A-Za-z0-9_.+\\[\\]-]+");
    private static final List<List<String>> DEVICES = List.of(
            List.of("null", "1", "3"), List.of("zero", "1", "5"), List.of("full", "1", "7"),
            List.of("random", "1", "8"), List.of("urandom", "1", "9"), List.of("tty", "5", "0"));

    private final Path busybox;
    private final Duration timeout;

    SkeletonBuilder(Path busybox, Duration timeout) {
        this.busybox = busybox;
        this.timeout = timeout;
    }

    void build(GuestSpec guest, Consumer<String> log) throws IOException {
        if (!Files.isExecutable(busybox)) {
            throw new HostOperationException("build", guest.name(), busybox
                    + " is missing: skeleton guests need a static busybox (apt-get install busybox-static)");
        }
        Path root = guest.rootDir();
        for (String dir : DIRS) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        // the sticky bit is beyond PosixFilePermissions; chmod keeps /tmp safe for non-root users
        LinuxCommands.run("build", guest.name(), List.of(tool(guest, "chmod"), "1777", "--", root.resolve("tmp").toString()),
                timeout);

        Path ownBusybox = root.resolve("bin/busybox");
        Files.copy(busybox, ownBusybox, StandardCopyOption.REPLACE_EXISTING);
        log.accept("copied " + busybox);
        int applets = 0;
        String list = LinuxCommands.run("build", guest.name(), List.of(busybox.toString(), "--list-full"), timeout);
        for (String applet : list.lines().toList()) {
            if (APPLET.matcher(applet).matches() && !applet.equals("sbin/init") && !applet.equals("bin/busybox")) {
                Path link = root.resolve(applet);
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, Path.of("/bin/busybox"));
                    applets++;
                }
            }
        }
        log.accept("linked " + applets + " busybox applets");

        Path init = root.resolve("sbin/init");
        try (InputStream in = SkeletonBuilder.class.getResourceAsStream("skeleton-init")) {
            Files.copy(in, init, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));

        write(root.resolve("etc/hostname"), guest.nodename() + "\n");
        write(root.resolve("etc/hosts"), "127.0.0.1 localhost\n127.0.1.1 " + guest.nodename() + "\n");
        write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        write(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");

        for (List<String> device : DEVICES) {
            Path node = root.resolve("dev").resolve(device.get(0));
            if (!Files.exists(node, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                LinuxCommands.run("build", guest.name(),
                        List.of(tool(guest, "mknod"), "-m", "0666", "--", node.toString(), "c", device.get(1), device.get(2)), timeout);
            }
        }
        Path ptmx = root.resolve("dev/ptmx");
        if (!Files.exists(ptmx, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(ptmx, Path.of("pts/ptmx"));
        }
        log.accept("skeleton ready in " + root);
    }

    private static String tool(GuestSpec guest, String name) {
        return HostTools.find(name).orElseThrow(
                () -> new HostOperationException("build", guest.name(), name + " (coreutils) is not installed"));
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
