package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeRemoverTest {

    @TempDir
    Path dir;

    @Test
    void findsEscapedMountPointsInsideTheTreeOnly() throws Exception {
        Path mountinfo = dir.resolve("mountinfo");
        Files.writeString(mountinfo, """
                22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
                90 22 0:50 / /var/lib/vservers/web/my\\040data rw - tmpfs tmpfs rw
                91 22 0:51 / /var/lib/vservers/web2/tmp rw - tmpfs tmpfs rw
                92 22 0:52 / /var/lib/vservers/web rw - tmpfs tmpfs rw
                """);
        TreeRemover remover = new TreeRemover(mountinfo);

        assertThat(remover.mountsInside(Path.of("/var/lib/vservers/web")))
                .containsExactly(Path.of("/var/lib/vservers/web/my data"), Path.of("/var/lib/vservers/web"));
    }
}
