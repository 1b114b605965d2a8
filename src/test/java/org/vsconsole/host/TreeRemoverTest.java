package org.vsconsole.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeRemoverTest {

    @TempDir
    Path temp;

    @Test
    void removesTheTreeButNeverFollowsSymlinks() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("host-etc"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0");
        Path root = Files.createDirectories(temp.resolve("vservers/web1"));
        Files.createDirectories(root.resolve("etc/deep/er"));
        Files.writeString(root.resolve("etc/deep/er/file"), "x");
        Files.createSymbolicLink(root.resolve("etc/link-to-host"), outside);
        Files.createSymbolicLink(root.resolve("loop"), root.resolve("loop"));
        Files.createLink(root.resolve("hardlink"), outside.resolve("passwd"));
        Files.writeString(root.resolve("name\nwith newline"), "x");
        Files.writeString(temp.resolve("mountinfo"), "22 1 0:21 / / rw - ext4 /dev/sda1 rw\n");

        new TreeRemover(temp.resolve("mountinfo")).remove(root);

        assertThat(root).doesNotExist();
        assertThat(outside.resolve("passwd")).hasContent("root:x:0:0");
    }

    @Test
    void refusesWhenSomethingIsMountedInsideAndLeavesTheTree() throws IOException {
        Path root = Files.createDirectories(temp.resolve("vservers/web 1"));
        Files.createDirectories(root.resolve("proc"));
        String escaped = root.resolve("proc").toString().replace(" ", "\\040");
        Files.writeString(temp.resolve("mountinfo"), "22 1 0:21 / / rw - ext4 /dev/sda1 rw\n"
                + "40 22 0:5 / " + escaped + " rw,nosuid - proc proc rw\n");

        assertThatThrownBy(() -> new TreeRemover(temp.resolve("mountinfo")).remove(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(root.resolve("proc") + " is mounted inside it");
        assertThat(root.resolve("proc")).isDirectory();
    }

    @Test
    void refusesARootThatIsASymlinkOrTooShallow() throws IOException {
        Path target = Files.createDirectories(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temp.resolve("web1"), target);
        Files.writeString(temp.resolve("mountinfo"), "");
        TreeRemover remover = new TreeRemover(temp.resolve("mountinfo"));

        assertThatThrownBy(() -> remover.remove(link)).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> remover.remove(Path.of("/tmp"))).hasMessageContaining("two levels");
        assertThatThrownBy(() -> remover.remove(Path.of("/var/lib/../lib"))).hasMessageContaining("absolute");
        assertThat(target).isDirectory();
    }

    @Test
    void findsEscapedMountPointsInsideTheTreeOnly() throws Exception {
        Path mountinfo = temp.resolve("mountinfo");
        Files.writeString(mountinfo, """
                22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
                90 22 0:50 / /var/lib/vservers/web/my\\040data rw - tmpfs tmpfs rw
                91 22 0:51 / /var/lib/vservers/web2/tmp rw - tmpfs tmpfs rw
                92 22 0:52 / /var/lib/vservers/web rw - tmpfs tmpfs rw
                """);

        assertThat(new TreeRemover(mountinfo).mountsInside(Path.of("/var/lib/vservers/web")))
                .containsExactly(Path.of("/var/lib/vservers/web/my data"), Path.of("/var/lib/vservers/web"));
    }
}
