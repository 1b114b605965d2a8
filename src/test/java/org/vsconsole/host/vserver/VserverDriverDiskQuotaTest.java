package org.vsconsole.host.vserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.GuestSpec;

/** On a vserver kernel util-vserver applies dlimits/ at start; the driver says so and runs nothing. */
class VserverDriverDiskQuotaTest {

    @TempDir
    Path temp;

    @Test
    void aDiskLimitIsLeftToUtilVserverAndNoToolRuns() {
        FakeUtilVserver fake = new FakeUtilVserver(temp);
        VserverDriver driver = fake.driver(CommandTimeouts.all(Duration.ofSeconds(20)));
        Path root = Path.of("/var/lib/vservers/web1");
        GuestSpec limited = new GuestSpec("web1", 40001, temp.resolve("web1"), root, "web1", null, null, List.of(),
                Map.of(), null, new GuestSpec.DiskQuota(2048, 100));

        DiskQuotaState state = driver.applyDiskQuota(limited);

        assertThat(state.summary()).isEqualTo("enforced");
        assertThat(state.reason()).isEqualTo("applied by util-vserver (vdlimit) when the guest starts");
        assertThat(state.usageKnown()).isFalse();
        assertThat(state.limitKiB()).isEqualTo(2048);
        assertThat(driver.diskQuota(FakeUtilVserver.guest("web2", 40002, root)).summary())
                .isEqualTo("not enforced: no disk limit set");
        assertThat(fake.calls()).isEmpty();
    }
}
