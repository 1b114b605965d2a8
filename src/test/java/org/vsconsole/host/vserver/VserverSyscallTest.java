package org.vsconsole.host.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.LimitValues;

class VserverSyscallTest {

    @TempDir
    Path temp;

    @Test
    void commandEncodingGivesTheReferenceNumbers() {
        assertThat(VserverSyscall.CMD_GET_VERSION).isZero();
        assertThat(VserverSyscall.CMD_VX_INFO).isEqualTo(0x2E050000);
        assertThat(VserverSyscall.CMD_CTX_STAT).isEqualTo(0x28000000);
        assertThat(VserverSyscall.CMD_RLIMIT_STAT).isEqualTo(0x28010000);
        assertThat(VserverSyscall.CMD_VIRT_STAT).isEqualTo(0x28030000);
        assertThat(VserverSyscall.CMD_GET_RLIMIT).isEqualTo(1006698496);
        assertThat(VserverSyscall.CMD_SET_RLIMIT).isEqualTo(0x3C020000);
        assertThat(VserverSyscall.CMD_SCHED_INFO).isEqualTo(235077632);
        assertThat(VserverSyscall.CMD_CTX_KILL).isEqualTo(201392128);
        assertThat(VserverSyscall.command(52, 3, 1)).isEqualTo(0x34030001);
    }

    @Test
    void realSyscallOnAKernelWithoutThePatchAnswersEnosysAndTheProbeSaysSo() {
        assumeFalse(Files.exists(Path.of("/proc/virtual")), "this host runs a vserver kernel");
        VserverSyscall syscall = VserverSyscall.forThisHost();

        assertThat(syscall.getVersion()).isEmpty();
        assertThatThrownBy(() -> syscall.vxInfo(40001))
                .isInstanceOf(VserverSyscallException.class)
                .hasMessageContaining("ENOSYS")
                .satisfies(e -> assertThat(((VserverSyscallException) e).errno()).isEqualTo(38));
        assertThat(new VserverKernelProbe(syscall, Path.of("/proc")).readOnlyReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("no Linux-VServer support", "ENOSYS"));
    }

    @Test
    void enosysWithProcVirtualPresentPointsAtMissingCapability() throws Exception {
        Files.createDirectories(temp.resolve("virtual"));
        Files.writeString(temp.resolve("virtual/info"), "VCIVersion:\t0002:0308\n");
        VserverSyscall enosys = new VserverSyscall((name, cmd, id, data) -> {
            throw new VserverSyscallException(name, VserverSyscall.ENOSYS);
        });

        assertThat(new VserverKernelProbe(enosys, temp).readOnlyReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("CAP_CONTEXT"));
    }

    @Test
    void otherErrnoOnTheProbeIsReportedNotMistakenForNoKernel() {
        VserverSyscall eperm = new VserverSyscall((name, cmd, id, data) -> {
            throw new VserverSyscallException(name, 1);
        });

        assertThatThrownBy(eperm::getVersion).isInstanceOf(VserverSyscallException.class);
        assertThat(new VserverKernelProbe(eperm, temp).readOnlyReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("EPERM"));
    }

    @Test
    void answeringKernelMakesTheProbeHappy() {
        VserverSyscall kernel = new VserverSyscall((name, cmd, id, data) -> 0x00020308);

        assertThat(kernel.getVersion()).hasValue(0x00020308);
        assertThat(new VserverKernelProbe(kernel, temp).readOnlyReason()).isEmpty();
    }

    @Test
    void rlimitStatIsReadFromTheKernelsOffsets() {
        VserverSyscall kernel = new VserverSyscall((name, cmd, id, data) -> {
            assertThat(cmd).isEqualTo(VserverSyscall.CMD_RLIMIT_STAT);
            assertThat(id).isEqualTo(40001);
            assertThat(data.getInt(0)).isEqualTo(6);
            data.setInt(4, -2); // hits as u32 0xFFFFFFFE
            data.setLong(8, 23);
            data.setLong(16, 1);
            data.setLong(24, 41);
            return 0;
        });

        assertThat(kernel.rlimitStat(40001, 6)).isEqualTo(new VserverSyscall.RlimitStat(0xFFFFFFFEL, 23, 1, 41));
    }

    @Test
    void setRlimitKeepsTheMinimumAndPassesInfinity() {
        List<long[]> seen = new ArrayList<>();
        VserverSyscall kernel = new VserverSyscall((name, cmd, id, data) -> {
            seen.add(new long[]{cmd, data.getInt(0), data.getLong(8), data.getLong(16), data.getLong(24)});
            return 0;
        });

        kernel.setRlimit(40001, 6, new LimitValues(100, LimitValues.UNLIMITED));

        assertThat(seen).singleElement().isEqualTo(new long[]{VserverSyscall.CMD_SET_RLIMIT, 6,
                0xFFFFFFFFFFFFFFFEL, 100, 0xFFFFFFFFFFFFFFFFL});
    }

    @Test
    void virtStatAndSchedInfoAndKillMarshal() {
        VserverSyscall kernel = new VserverSyscall((name, cmd, id, data) -> {
            if (cmd == VserverSyscall.CMD_VIRT_STAT) {
                data.setLong(8, 5_000_000_000L);
                data.setInt(16, 31);
                data.setInt(32, 48211);
                data.setInt(36, 2048);
                data.setInt(40, 1024);
                data.setInt(44, 0);
            } else if (cmd == VserverSyscall.CMD_SCHED_INFO) {
                int cpu = data.getInt(0);
                if (cpu >= 2) {
                    throw new VserverSyscallException(name, 22);
                }
                data.setLong(8, 100 + cpu);
                data.setLong(16, 200 + cpu);
            } else if (cmd == VserverSyscall.CMD_CTX_KILL) {
                assertThat(data.getInt(0)).isEqualTo(2388);
                assertThat(data.getInt(4)).isEqualTo(9);
            }
            return 0;
        });

        VserverSyscall.VirtStat stat = kernel.virtStat(40001);
        assertThat(stat.uptimeNs()).isEqualTo(5_000_000_000L);
        assertThat(stat.threads()).isEqualTo(31);
        assertThat(stat.forks()).isEqualTo(48211);
        assertThat(stat.load1()).isEqualTo(1.0);
        assertThat(stat.load5()).isEqualTo(0.5);
        assertThat(kernel.schedInfoAllCpus(40001)).containsExactly(
                new VserverSyscall.CpuTimes(0, 100, 200, 0), new VserverSyscall.CpuTimes(1, 101, 201, 0));
        kernel.ctxKill(40001, 2388, 9);
    }

    @Test
    void errnoNamesAppearInMessages() {
        assertThat(new VserverSyscallException("vx_info", 3)).hasMessage("vserver syscall vx_info failed: ESRCH (3)");
    }
}
