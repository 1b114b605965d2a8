package org.vsconsole.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MountTable.byId: the mount a statx mount id names, with type, source and super options. */
class MountTableByIdTest {

    @Test
    void findsTheMountByIdWithOptionalFieldsAndEscapes(@TempDir Path dir) throws IOException {
        Path mountinfo = dir.resolve("mountinfo");
        Files.writeString(mountinfo, """
                22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
                31 22 7:0 / /var/lib/vservers rw,relatime shared:5 master:2 - xfs /dev/loop0 rw,attr2,inode64,prjquota
                32 22 0:40 / /srv/with\\040space rw - tmpfs tmp\\040fs rw,size=8m
                too short - x
                """);

        MountTable.Mount xfs = MountTable.byId(mountinfo, 31).orElseThrow();
        assertThat(xfs.point()).isEqualTo(Path.of("/var/lib/vservers"));
        assertThat(xfs.fsType()).isEqualTo("xfs");
        assertThat(xfs.source()).isEqualTo("/dev/loop0");
        assertThat(xfs.superOptions()).contains("prjquota");

        MountTable.Mount tmp = MountTable.byId(mountinfo, 32).orElseThrow();
        assertThat(tmp.point()).isEqualTo(Path.of("/srv/with space"));
        assertThat(tmp.source()).isEqualTo("tmp fs");
        assertThat(tmp.superOptions()).isEqualTo(List.of("rw", "size=8m"));

        assertThat(MountTable.byId(mountinfo, 22).orElseThrow().fsType()).isEqualTo("ext4");
        assertThat(MountTable.byId(mountinfo, 99)).isEmpty();
    }
}
