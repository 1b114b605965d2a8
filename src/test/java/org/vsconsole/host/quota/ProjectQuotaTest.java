package org.vsconsole.host.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;

/**
 * What ProjectQuota says and refuses before any quota is touched; runs anywhere, without root.
 * Enforcement itself is ProjectQuotaEnforcementCheck's, on loop-mounted ext4 and XFS (run in a VM).
 */
class ProjectQuotaTest {

    private static final GuestSpec.DiskQuota TWO_MIB = new GuestSpec.DiskQuota(2048, 100);
    private final ProjectQuota quota = ProjectQuota.host();

    @Test
    void noDiskLimitIsSaidAsSuch(@TempDir Path dir) {
        assertThat(quota.state(guest(40001, dir, null)).summary()).isEqualTo("not enforced: no disk limit set");
    }

    @Test
    void aMissingRootOrASymlinkedRootIsAStateNotAFailure(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("gone");
        assertThat(quota.state(guest(40001, missing, TWO_MIB)).summary())
                .isEqualTo("not enforced: the guest root " + missing + " does not exist");
        assertThat(quota.apply(guest(40001, missing, TWO_MIB)).summary())
                .isEqualTo("not enforced: the guest root " + missing + " does not exist");

        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("real")));
        assertThat(quota.state(guest(40001, link, TWO_MIB)).summary())
                .isEqualTo("not enforced: the guest root " + link + " is a symlink");
    }

    @Test
    void valuesOutsideTheAllowListNeverReachTheKernel(@TempDir Path dir) {
        assertThatThrownBy(() -> quota.apply(guest(1, dir, TWO_MIB)))
                .isInstanceOf(HostOperationException.class)
                .hasMessage("context id 1 is outside 2..49151, so it cannot be the guest's project id");
        assertThatThrownBy(() -> quota.apply(guest(49152, dir, TWO_MIB)))
                .hasMessageContaining("context id 49152 is outside 2..49151");
        assertThatThrownBy(() -> quota.apply(guest(40001, dir, new GuestSpec.DiskQuota(0, 100))))
                .hasMessageStartingWith("space_total 0 KiB cannot be enforced")
                .hasMessageContaining("a project quota of 0 means no limit at all");
        assertThatThrownBy(() -> quota.apply(guest(40001, dir, new GuestSpec.DiskQuota(-5, 100))))
                .hasMessageStartingWith("space_total -5 KiB cannot be enforced");
        assertThatThrownBy(() -> quota.apply(guest(40001, dir, new GuestSpec.DiskQuota(ProjectQuota.MAX_KIB + 1, 100))))
                .hasMessageStartingWith("space_total " + (ProjectQuota.MAX_KIB + 1) + " KiB cannot be enforced");
        assertThatThrownBy(() -> quota.apply(guest(40001, dir, new GuestSpec.DiskQuota(2048, 0))))
                .hasMessageStartingWith("inodes_total 0 cannot be enforced");
        assertThatThrownBy(() -> quota.apply(guest(40001, dir.resolve("a/../b"), TWO_MIB)))
                .hasMessageContaining("must be an absolute, normalized path");
        assertThatThrownBy(() -> quota.apply(guest(40001, Path.of("relative/web1"), TWO_MIB)))
                .hasMessageContaining("must be an absolute, normalized path");

        DiskQuotaState shown = quota.state(guest(40001, dir, new GuestSpec.DiskQuota(0, 100)));
        assertThat(shown.enforced()).isFalse();
        assertThat(shown.reason()).startsWith("space_total 0 KiB cannot be enforced");
    }

    @Test
    void projectCommandsAreEncodedAsTheKernelExpects() {
        assertThat(Abi.projectCommand(Abi.Q_GETQUOTA)).isEqualTo(0x80000702L);
        assertThat(Abi.projectCommand(Abi.Q_SETQUOTA)).isEqualTo(0x80000802L);
        assertThat(Abi.projectCommand(Abi.Q_XGETQSTATV)).isEqualTo(0x580802L);
    }

    private static GuestSpec guest(int xid, Path root, GuestSpec.DiskQuota limit) {
        return new GuestSpec("web1", xid, Path.of("/etc/vservers/web1"), root, "web1", null, null, List.of(), Map.of(),
                null, limit);
    }
}
