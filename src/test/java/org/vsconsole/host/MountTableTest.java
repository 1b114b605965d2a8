package org.vsconsole.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTest {

    @Test
    void mountinfoEscapesAreDecoded() {
        assertThat(MountTable.unescape("/a\\040b\\011c\\134d")).isEqualTo("/a b\tc\\d");
        assertThat(MountTable.unescape("/plain\\04")).isEqualTo("/plain\\04");
    }

    @Test
    void findsMountsAtOrBelowARootAndSkipsShortLines(@TempDir Path dir) throws IOException {
        Path mountinfo = dir.resolve("mountinfo");
        Files.writeString(mountinfo, """
                22 1 8:1 / / rw - ext4 /dev/sda1 rw
                truncated line
                40 22 0:5 / /var/lib/vservers/web/proc rw - proc proc rw
                41 22 0:6 / /var/lib/vservers/web\\040two/tmp rw - tmpfs tmpfs rw
                42 22 0:7 / /var/lib/vservers/webmail rw - tmpfs tmpfs rw
                """);
        assertThat(MountTable.mountsAtOrBelow(mountinfo, Path.of("/var/lib/vservers/web")))
                .containsExactly(Path.of("/var/lib/vservers/web/proc"));
        assertThat(MountTable.mountsAtOrBelow(mountinfo, Path.of("/var/lib/vservers/web two")))
                .containsExactly(Path.of("/var/lib/vservers/web two/tmp"));
    }
}
