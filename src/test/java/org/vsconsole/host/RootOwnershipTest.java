package org.vsconsole.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.host.config.NewGuest;

/** The mount-point rules of {@link RootOwnership}, against a mount table written for the test. */
class RootOwnershipTest {

    @TempDir
    Path dir;

    @Test
    void aRootThatIsAMountPointOrHoldsOneIsRefusedAndAPlainOneIsNot() throws IOException {
        Path configRoot = Files.createDirectories(dir.resolve("etc/vservers"));
        Path guestsRoot = Files.createDirectories(dir.resolve("var/lib/vservers"));
        GuestConfigWriter writer = new GuestConfigWriter(configRoot, guestsRoot);
        for (String name : List.of("m1", "m2", "m3")) {
            writer.createGuest(new NewGuest(name, 100 + name.charAt(1), name, null,
                    List.of(new InterfaceSpec("10.9.0." + name.charAt(1), 24, "eth0", null, false)), "16m", false, Map.of()));
            Files.createDirectories(guestsRoot.resolve(name));
        }
        Path real = guestsRoot.toRealPath();
        Path mountinfo = Files.writeString(dir.resolve("mountinfo"), String.join("\n",
                "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw",
                "40 22 8:2 / " + real.resolve("m1") + " rw - ext4 /dev/sdb1 rw",
                "41 22 0:5 / " + real.resolve("m2/proc") + " rw - proc proc rw", ""));
        GuestConfigReader reader = new GuestConfigReader(configRoot);
        List<GuestConfig> all = reader.readAllGuests();
        RootOwnership ownership = new RootOwnership(guestsRoot, mountinfo);

        assertThat(ownership.whyNotDeletable(reader.readGuest("m1"), all)).get().asString().contains("is a mount point");
        assertThat(ownership.whyNotDeletable(reader.readGuest("m2"), all)).get().asString()
                .contains("m2/proc is mounted inside its root");
        assertThat(ownership.whyNotDeletable(reader.readGuest("m3"), all)).isEmpty();
    }
}
