package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.GuestSpec;

/** Writes into a tree as root does at build time; runs as root (CI does) for the ownership checks. */
class GuestTreeSetupTest {

    private static GuestSpec guest(Path root) {
        return new GuestSpec("web1", 4200, root.resolveSibling("etc"), root, "web1", "example.org", null,
                List.of(new GuestSpec.Address("10.88.0.7", 24, "vsbr0")), Map.of());
    }

    @Test
    void writesTheGuestsNameAndAddressesOverACloneOfAnotherGuest(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(root.resolve("hostname"), "source-guest\n");

        GuestTreeSetup.of(root.getParent()).identity(guest(root.getParent()));

        assertThat(Files.readString(root.resolve("hostname"))).isEqualTo("web1\n");
        assertThat(Files.readString(root.resolve("hosts"))).contains("127.0.1.1\tweb1.example.org\tweb1")
                .contains("10.88.0.7\tweb1.example.org\tweb1").doesNotContain("source-guest");
    }

    @Test
    void refusesToWriteThroughASymlinkPlantedInTheTree(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("host-etc"));
        Files.createSymbolicLink(root.resolve("etc"), outside);
        Path root2 = Files.createDirectories(dir.resolve("root2/etc"));
        Files.createSymbolicLink(root2.resolve("hostname"), outside.resolve("passwd"));

        assertThatThrownBy(() -> GuestTreeSetup.of(root).identity(guest(root))).hasMessageContaining("/etc")
                .hasMessageContaining("symlink");
        assertThatThrownBy(() -> GuestTreeSetup.of(dir.resolve("root2")).identity(guest(dir.resolve("root2"))))
                .hasMessageContaining("/etc/hostname").hasMessageContaining("symlink");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void setsRootsPasswordAndKeysWithTheOwnerOfTheTreeAndPrivateModes(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/etc")).getParent();
        Files.writeString(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
        int uid = 1_048_576 + 4200 * 65_536;
        Files.setAttribute(root, "unix:uid", uid);
        Files.setAttribute(root, "unix:gid", uid);

        GuestTreeSetup.of(root).access(new BuildRequest.GuestSetup("$6$rounds=100000$salt$hash", List.of("ssh-ed25519 AAAA k"),
                List.of(), null));

        List<String> shadow = Files.readAllLines(root.resolve("etc/shadow"));
        assertThat(shadow.getFirst()).startsWith("root:$6$rounds=100000$salt$hash:");
        assertThat(shadow).hasSize(2).last().asString().startsWith("daemon:*");
        Path keys = root.resolve("root/.ssh/authorized_keys");
        assertThat(Files.readString(keys)).isEqualTo("ssh-ed25519 AAAA k\n");
        assertThat(Files.getPosixFilePermissions(keys)).hasSize(2); // rw-------
        assertThat(Files.getAttribute(keys, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(uid);
        assertThat(Files.getAttribute(root.resolve("root/.ssh"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(uid);
        assertThat(Files.getAttribute(root.resolve("etc/shadow"), "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(uid);
    }

    @Test
    void debianTreesGetTheirSuitesSecurityArchiveAndTheHostsCacheAsProxy(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root/etc/apt")).getParent().getParent();

        GuestTreeSetup.of(root).apt("bookworm", "http://mirror.example/debian", "http://mirror.example/debian-security",
                "http://10.88.0.1:3142/");

        assertThat(Files.readString(root.resolve("etc/apt/sources.list")))
                .contains("deb http://mirror.example/debian bookworm main\n")
                .contains("deb http://mirror.example/debian bookworm-updates main\n")
                .contains("deb http://mirror.example/debian-security bookworm-security main\n");
        assertThat(Files.readString(root.resolve("etc/apt/apt.conf.d/01vsconsole-proxy")))
                .contains("Acquire::http::Proxy \"http://10.88.0.1:3142/\";");
    }

    @Test
    void sysvinitGuestsHaltOnPowerFailAndRespawnNoGettysOnMissingConsoles(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root/etc")).getParent();
        Files.writeString(root.resolve("etc/inittab"), """
                id:2:initdefault:
                si::sysinit:/etc/init.d/rcS
                pf::powerwait:/etc/init.d/powerfail start
                1:2345:respawn:/sbin/getty --noclear 38400 tty1
                2:23:respawn:/sbin/getty 38400 tty2
                """);

        GuestTreeSetup.of(root).sysvinit();

        String inittab = Files.readString(root.resolve("etc/inittab"));
        assertThat(inittab).contains("\nsi::sysinit:/etc/init.d/rcS\n").contains("p0::powerfail:/sbin/init 0")
                .contains("# 1:2345:respawn:/sbin/getty --noclear 38400 tty1").contains("# pf::powerwait");
    }
}
