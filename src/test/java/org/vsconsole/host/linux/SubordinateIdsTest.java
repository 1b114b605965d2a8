package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubordinateIdsTest {

    @Test
    void everyGuestRangeMustBeGrantedToRootInBothFiles(@TempDir Path dir) throws Exception {
        Path subuid = Files.writeString(dir.resolve("subuid"), "alice:100000:65536\n" + IdRange.subordinateLine() + "\n");
        Path partial = Files.writeString(dir.resolve("subgid"), "root:1048576:65536\n");
        IdRange all = new IdRange(IdRange.FIRST);

        assertThat(new SubordinateIds(subuid, subuid).problem(all, IdRange.TOTAL)).isEmpty();
        assertThat(new SubordinateIds(subuid, partial).problem(all, IdRange.TOTAL)).get().asString()
                .startsWith(partial + " does not grant root the ids 1048576-3222274047")
                .contains("root:1048576:3221225472");
        assertThat(new SubordinateIds(subuid, dir.resolve("missing")).problem(all, IdRange.TOTAL)).isPresent();
        assertThat(new SubordinateIds(partial, partial).problem(IdRange.forContext(0), IdRange.SIZE)).isEmpty();
    }
}
