package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;

class SkeletonBuilderTest {

    @TempDir
    Path dir;

    @Test
    void saysWhatToInstallWhenBusyboxIsMissing() {
        SkeletonBuilder builder = new SkeletonBuilder(dir.resolve("no-busybox"), Duration.ofSeconds(5));
        GuestSpec guest = new GuestSpec("g", 4300, dir, dir.resolve("g"), "g", null, null, List.of(), Map.of());

        assertThatThrownBy(() -> builder.build(guest, line -> {
        }))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("apt-get install busybox-static");
    }
}
