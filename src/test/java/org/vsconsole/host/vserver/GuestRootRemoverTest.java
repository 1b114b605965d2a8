package org.vsconsole.host.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;

class GuestRootRemoverTest {

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

        new GuestRootRemover(temp.resolve("mountinfo")).remove(root);

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

        assertThatThrownBy(() -> new GuestRootRemover(temp.resolve("mountinfo")).remove(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(root.resolve("proc") + " is mounted inside it");
        assertThat(root.resolve("proc")).isDirectory();
    }

    @Test
    void refusesARootThatIsASymlinkOrTooShallow() throws IOException {
        Path target = Files.createDirectories(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temp.resolve("web1"), target);
        Files.writeString(temp.resolve("mountinfo"), "");
        GuestRootRemover remover = new GuestRootRemover(temp.resolve("mountinfo"));

        assertThatThrownBy(() -> remover.remove(link)).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> remover.remove(Path.of("/tmp"))).hasMessageContaining("two levels");
        assertThatThrownBy(() -> remover.remove(Path.of("/var/lib/../lib"))).hasMessageContaining("absolute");
        assertThat(target).isDirectory();
    }

    @Test
    void driverRefusesToDeleteTheRootOfARunningGuest() throws IOException {
        FakeUtilVserver fake = new FakeUtilVserver(temp.resolve("fake"));
        Path root = Files.createDirectories(temp.resolve("vservers/web1"));
        Files.writeString(temp.resolve("fake/mountinfo"), "");
        GuestSpec web1 = FakeUtilVserver.guest("web1", 40001, root);
        VserverDriver driver = fake.driver(CommandTimeouts.all(Duration.ofSeconds(10)));
        fake.markRunning("web1");

        assertThatThrownBy(() -> driver.deleteRoot(web1)).isInstanceOf(HostOperationException.class)
                .hasMessageContaining("is running");
        assertThat(root).isDirectory();

        Files.delete(temp.resolve("fake/state/web1"));
        driver.deleteRoot(web1);
        assertThat(root).doesNotExist();
    }
}
