package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.process.HostTools;

/** Runs as root, as CI does: only root may give files away. */
class TreeOwnershipTest {

    private static int uid(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void aHostOwnedTreeMovesIntoTheGuestsRangeKeepingSetIdBitsCapabilitiesAndLinks(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("guest"));
        Path tool = Files.writeString(root.resolve("su"), "binary");
        Files.createLink(root.resolve("su-link"), tool);
        Path user = Files.writeString(root.resolve("user-file"), "x");
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/etc/passwd"));
        run("chmod", "4755", tool.toString());
        run("chown", "1000:1000", user.toString());
        run("setcap", "cap_net_raw+ep", tool.toString());
        int passwdOwner = uid(Path.of("/etc/passwd"));
        IdRange range = IdRange.forContext(4242);

        long changed = TreeOwnership.shift(root, range);

        assertThat(changed).isEqualTo(4); // root dir, su (once for both names), user-file, the symlink itself
        assertThat(TreeOwnership.owned(root, range)).isTrue();
        assertThat(Integer.toUnsignedLong(uid(tool))).isEqualTo(range.base());
        assertThat(Integer.toUnsignedLong(uid(user))).isEqualTo(range.base() + 1000);
        assertThat(Integer.toUnsignedLong(uid(root.resolve("escape")))).isEqualTo(range.base());
        assertThat(uid(Path.of("/etc/passwd"))).isEqualTo(passwdOwner); // the link was not followed
        assertThat((Integer) Files.getAttribute(tool, "unix:mode") & 07777).isEqualTo(04755);
        assertThat(run("getcap", tool.toString())).contains("cap_net_raw");

        assertThat(TreeOwnership.shift(root, range)).isZero(); // already there: one stat
        IdRange other = IdRange.forContext(4243);
        TreeOwnership.shift(root, other); // renumbered: from one guest range to the next
        assertThat(Integer.toUnsignedLong(uid(user))).isEqualTo(other.base() + 1000);
    }

    private static String run(String tool, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(HostTools.find(tool).orElseThrow()));
        argv.addAll(List.of(args));
        return LinuxCommands.run("test", null, argv, Duration.ofSeconds(10));
    }
}
