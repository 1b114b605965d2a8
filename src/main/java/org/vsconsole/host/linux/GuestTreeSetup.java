package org.vsconsole.host.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.DebianSuites;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.config.SafePaths;
import org.vsconsole.host.config.UnsafePathException;

/**
 * Writes what a new guest needs into its tree before it ever runs: its host name and
 * {@code /etc/hosts} (a clone would keep its source's), root's password hash and SSH keys, and
 * for Debian-based trees the apt sources and the host's package cache as proxy.
 *
 * <p>A cloned tree comes from a guest, so it may hold symlinks planted to make a host-root write
 * land outside it: every path is checked component by component, no write follows a symlink, and
 * each file is replaced by rename. Nothing runs in the new tree yet, so nobody can race the checks.
 * New files get the owner of the tree's top, so the id shift that follows treats them like the rest.
 */
final class GuestTreeSetup {

    private final Path root;
    private final int uid;
    private final int gid;

    private GuestTreeSetup(Path root, int uid, int gid) {
        this.root = root;
        this.uid = uid;
        this.gid = gid;
    }

    static GuestTreeSetup of(Path root) throws IOException {
        Map<String, Object> top = Files.readAttributes(root, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        return new GuestTreeSetup(root, UnixAttributes.intValue(top, "uid"), UnixAttributes.intValue(top, "gid"));
    }

    /** The parts every build method gets. */
    void identity(GuestSpec guest) throws IOException {
        String fqdn = guest.domainname() == null ? guest.nodename() : guest.nodename() + "." + guest.domainname();
        write("etc/hostname", guest.nodename() + "\n", "rw-r--r--");
        List<String> hosts = new ArrayList<>(List.of("127.0.0.1\tlocalhost",
                "127.0.1.1\t" + (fqdn.equals(guest.nodename()) ? fqdn : fqdn + "\t" + guest.nodename())));
        for (GuestSpec.Address address : guest.interfaces()) {
            hosts.add(address.ip() + "\t" + (fqdn.equals(guest.nodename()) ? fqdn : fqdn + "\t" + guest.nodename()));
        }
        hosts.addAll(List.of("::1\tlocalhost ip6-localhost ip6-loopback", "ff02::1\tip6-allnodes", "ff02::2\tip6-allrouters"));
        write("etc/hosts", String.join("\n", hosts) + "\n", "rw-r--r--");
    }

    /**
     * A sysvinit guest in a container: no gettys on virtual consoles it does not have (they would
     * respawn forever), and power-fail (LXC's SIGPWR halt) shuts it down, as LXC's own Debian
     * template arranges.
     */
    void sysvinit() throws IOException {
        Path inittab = root.resolve("etc/inittab");
        if (!Files.exists(inittab, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        check("etc/inittab");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(inittab, StandardCharsets.UTF_8)) {
            if (line.matches("^[^#:]*:[^:]*:respawn:/sbin/getty .*tty[0-9]+\\s*$") || line.matches("^[^#:]*:[^:]*:power[a-z]*:.*")) {
                out.add("# " + line + "    # disabled by VServer Console: a container has no such console");
            } else {
                out.add(line);
            }
        }
        out.add("p0::powerfail:/sbin/init 0");
        write("etc/inittab", String.join("\n", out) + "\n", "rw-r--r--");
    }

    /** Root's password and keys from the request. */
    void access(BuildRequest.GuestSetup setup) throws IOException {
        if (setup.rootPasswordHash() != null) {
            rootPassword(setup.rootPasswordHash());
        }
        if (!setup.sshKeys().isEmpty()) {
            directory("root", "rwx------");
            directory("root/.ssh", "rwx------");
            write("root/.ssh/authorized_keys", String.join("\n", setup.sshKeys()) + "\n", "rw-------");
        }
    }

    /**
     * apt's sources for the suite (with its updates and security archives) and the package cache
     * as its proxy. Only for trees that have apt.
     */
    void apt(@Nullable String suite, @Nullable String mirror, String securityMirror, @Nullable String proxy) throws IOException {
        if (!Files.isDirectory(root.resolve("etc/apt"), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (suite != null) {
            boolean ubuntu = DebianSuites.family(suite).orElse(DebianSuites.Family.DEBIAN) == DebianSuites.Family.UBUNTU;
            String components = ubuntu ? "main universe" : "main";
            List<String> lines = new ArrayList<>(List.of("deb " + mirror + " " + suite + " " + components));
            if (!suite.equals("sid")) {
                lines.add("deb " + mirror + " " + suite + "-updates " + components);
                String security = DebianSuites.securitySuite(suite).orElseThrow();
                lines.add("deb " + (ubuntu ? mirror : securityMirror) + " " + security + " " + components);
            }
            write("etc/apt/sources.list", "# written by VServer Console at creation\n" + String.join("\n", lines) + "\n",
                    "rw-r--r--");
        }
        if (proxy != null) {
            directory("etc/apt/apt.conf.d", "rwxr-xr-x");
            write("etc/apt/apt.conf.d/01vsconsole-proxy", "// the host's package cache on the guests' gateway\n"
                    + "Acquire::http::Proxy \"" + proxy + "\";\n", "rw-r--r--");
        }
    }

    private void rootPassword(String hash) throws IOException {
        Path shadow = root.resolve("etc/shadow");
        List<String> lines = new ArrayList<>();
        if (Files.exists(shadow, LinkOption.NOFOLLOW_LINKS)) {
            check("etc/shadow");
            lines.addAll(Files.readAllLines(shadow, StandardCharsets.UTF_8));
        }
        String days = Long.toString(System.currentTimeMillis() / 86_400_000L);
        String entry = "root:" + hash + ":" + days + ":0:99999:7:::";
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("root:")) {
                lines.set(i, entry);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.addFirst(entry);
        }
        write("etc/shadow", String.join("\n", lines) + "\n", "rw-r-----");
    }

    private void directory(String relative, String mode) throws IOException {
        Path dir = check(relative);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir);
            own(dir);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
    }

    /** Temp file beside the target, fsync, rename over it: a crash leaves the old or the new file. */
    private void write(String relative, String content, String mode) throws IOException {
        Path file = check(relative);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".vsconsole-new");
        Files.deleteIfExists(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            channel.write(StandardCharsets.UTF_8.encode(content));
            channel.force(true);
        }
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
        own(temp);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The path inside the tree, refused when any existing part of it is a symlink or a non-directory parent. */
    private Path check(String relative) throws IOException {
        try {
            return SafePaths.requireNoSymlinkBelow(root, root.resolve(relative));
        } catch (UnsafePathException e) {
            throw new IOException("/" + e.getMessage() + " (in the new guest's tree)", e);
        }
    }

    private void own(Path path) throws IOException {
        try {
            LibC.INSTANCE.lchown(path.toString(), uid, gid);
        } catch (LastErrorException e) {
            throw new IOException("cannot give " + path + " to the guest: errno " + e.getErrorCode(), e);
        }
    }
}
