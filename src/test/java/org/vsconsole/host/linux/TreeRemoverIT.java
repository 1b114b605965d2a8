package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;

/** deleteRoot against bind mounts and planted symlinks (needs root for mount). */
class TreeRemoverIT {

    /** Its own cgroup parent, bridge and pool: LinuxDriverIT may run at the same time in another fork. */
    private static GuestSandbox sandbox() throws java.io.IOException {
        return new GuestSandbox("vsc-treerm", "vsbrtrm", "10.248.0.0/24");
    }

    @Test
    void refusesWhileSomethingIsBindMountedInside() throws Exception {
        try (GuestSandbox sandbox = sandbox()) {
            GuestSpec guest = sandbox.skeleton("mounted", 4150, Map.of());
            Path outside = Files.createDirectories(sandbox.dir.resolve("outside"));
            Files.writeString(outside.resolve("keep"), "precious");
            Path target = guest.rootDir().resolve("home");
            LinuxCommands.run("test", null, List.of("mount", "--bind", "--", outside.toString(), target.toString()),
                    java.time.Duration.ofSeconds(5));
            try {
                assertThatThrownBy(() -> sandbox.driver.deleteRoot(guest))
                        .isInstanceOf(HostOperationException.class)
                        .hasMessageContaining(target.toString());
                assertThat(outside.resolve("keep")).hasContent("precious");
                assertThat(guest.rootDir().resolve("bin/busybox")).exists();
            } finally {
                LinuxCommands.run("test", null, List.of("umount", "--", target.toString()), java.time.Duration.ofSeconds(5));
            }
            sandbox.driver.deleteRoot(guest);
            assertThat(guest.rootDir()).doesNotExist();
            assertThat(outside.resolve("keep")).hasContent("precious");
        }
    }

    @Test
    void removesAPlantedSymlinkWithoutFollowingIt() throws Exception {
        try (GuestSandbox sandbox = sandbox()) {
            GuestSpec guest = sandbox.skeleton("planted", 4151, Map.of());
            Path outside = Files.createDirectories(sandbox.dir.resolve("outside"));
            Files.writeString(outside.resolve("keep"), "precious");
            Files.createSymbolicLink(guest.rootDir().resolve("root/escape"), outside);
            Files.createSymbolicLink(guest.rootDir().resolve("root/file-escape"), outside.resolve("keep"));

            sandbox.driver.deleteRoot(guest);

            assertThat(guest.rootDir()).doesNotExist();
            assertThat(outside.resolve("keep")).hasContent("precious");
        }
    }

    @Test
    void refusesARunningGuestAndATreeOutsideTheGuestsRoot() throws Exception {
        try (GuestSandbox sandbox = sandbox()) {
            GuestSpec guest = sandbox.skeleton("busy", 4152, Map.of());
            sandbox.driver.start(guest);
            assertThatThrownBy(() -> sandbox.driver.deleteRoot(guest)).hasMessageContaining("stop the guest");

            GuestSpec stray = new GuestSpec("stray", 4153, sandbox.dir, sandbox.dir.resolve("elsewhere"), "stray",
                    null, null, List.of(), Map.of());
            assertThatThrownBy(() -> sandbox.driver.deleteRoot(stray)).hasMessageContaining("is not inside");
        }
    }
}
