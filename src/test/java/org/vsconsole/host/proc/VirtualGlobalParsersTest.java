package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VirtualGlobalParsersTest {

    @Test
    void info23DecodesVersionGenerationAndKernelBits() {
        Parsed<VirtualInfo> parsed = VirtualInfoParser.parse(Fixtures.reference("info-2.3"));

        assertThat(parsed.warnings()).isEmpty();
        VirtualInfo info = parsed.value();
        assertThat(info.apiVersion()).isEqualTo(0x00020308);
        assertThat(info.versionText()).isEqualTo("0002:0308");
        assertThat(info.syscall()).isEqualTo(236);
        assertThat(info.kernelBits()).isEqualTo(0x13003f11L);
        assertThat(info.generation()).isEqualTo(KernelGeneration.V2_3_6_PLUS);
        assertThat(info.hasMemoryCgroup()).isTrue();
        assertThat(info.hasStatisticsSyscalls()).isFalse();
        assertThat(info.hasDynamicContexts()).isFalse();
        assertThat(info.taggingScheme()).isEqualTo(3);
        assertThat(StatPath.of(info)).isEqualTo(StatPath.CGROUP);
    }

    @Test
    void info20IsTheProcessWalkGeneration() {
        Parsed<VirtualInfo> parsed = VirtualInfoParser.parse(Fixtures.reference("info-2.0"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().apiVersion()).isEqualTo(0x00020002);
        assertThat(parsed.value().generation()).isEqualTo(KernelGeneration.V2_0);
        assertThat(parsed.value().hasMemoryCgroup()).isFalse();
        assertThat(parsed.value().hasDynamicContexts()).isTrue();
        assertThat(StatPath.of(parsed.value())).isEqualTo(StatPath.PROCESS_WALK);
    }

    @Test
    void virtnetInfoOf20HasNoKernelLine() {
        Parsed<VirtualInfo> parsed = VirtualInfoParser.parse("VCIVersion:\t0002:0002\nVCISyscall:\t236\n");

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().kernelBitsPresent()).isFalse();
    }

    @Test
    void generationsFollowTheVersionMap() {
        assertThat(KernelGeneration.of(0x00010025)).isEqualTo(KernelGeneration.V2_0);
        assertThat(KernelGeneration.of(0x00020002)).isEqualTo(KernelGeneration.V2_0);
        assertThat(KernelGeneration.of(0x00020102)).isEqualTo(KernelGeneration.V2_1);
        assertThat(KernelGeneration.of(0x00020203)).isEqualTo(KernelGeneration.V2_2);
        assertThat(KernelGeneration.of(0x00020300)).isEqualTo(KernelGeneration.V2_3_EARLY);
        assertThat(KernelGeneration.of(0x00020305)).isEqualTo(KernelGeneration.V2_3_EARLY);
        assertThat(KernelGeneration.of(0x00020306)).isEqualTo(KernelGeneration.V2_3_6_PLUS);
        assertThat(KernelGeneration.of(0x00030000)).isEqualTo(KernelGeneration.V2_3_6_PLUS);
    }

    @Test
    void statPathFollowsTheCTool() {
        assertThat(StatPath.of(new VirtualInfo(0x00020102, 236, 0, true))).isEqualTo(StatPath.PROCESS_WALK);
        assertThat(StatPath.of(new VirtualInfo(0x00020103, 236, 0, true))).isEqualTo(StatPath.CONTEXT_STATISTICS);
        assertThat(StatPath.of(new VirtualInfo(0x00020305, 236, 1 << 12, true))).isEqualTo(StatPath.CONTEXT_STATISTICS);
        assertThat(StatPath.of(new VirtualInfo(0x00020306, 236, 1 << 12, true))).isEqualTo(StatPath.CGROUP);
        // 2.3.6+ with legacy memory limits: the C tool falls back to the process walk
        assertThat(StatPath.of(new VirtualInfo(0x00020308, 236, 0x03000001, true))).isEqualTo(StatPath.PROCESS_WALK);
    }

    @Test
    void infoWithoutVersionWarns() {
        Parsed<VirtualInfo> parsed = VirtualInfoParser.parse("VCISyscall:\t236\n");

        assertThat(parsed.value().apiVersion()).isZero();
        assertThat(parsed.warnings()).anyMatch(w -> w.contains("no VCIVersion"));
    }

    @Test
    void infoWithBadVersionWarns() {
        Parsed<VirtualInfo> parsed = VirtualInfoParser.parse("VCIVersion:\tzz\n");

        assertThat(parsed.warnings()).anyMatch(w -> w.contains("xxxx:xxxx"));
    }

    @Test
    void status23KeepsNamespaceAndInitTaskCounters() {
        Parsed<VirtualStatus> parsed = VirtualStatusParser.parse(Fixtures.reference("status-2.3"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().contextsTotal()).isEqualTo(3);
        assertThat(parsed.value().contextsActive()).isEqualTo(3);
        assertThat(parsed.value().nsProxyCounts()).containsExactly(517L, 108L, 61L, 62L, 58L, 4L, 60L);
        assertThat(parsed.value().initTaskCounts()).containsExactly(2L, 5L, 6L);
    }

    @Test
    void status20HasOnlyContextCounters() {
        Parsed<VirtualStatus> parsed = VirtualStatusParser.parse(Fixtures.reference("status-2.0"));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.value().contextsActive()).isEqualTo(3);
        assertThat(parsed.value().nsProxyCounts()).isEmpty();
        assertThat(parsed.value().initTaskCounts()).isEmpty();
    }

    @Test
    void status22HasFiveNamespaceCounters() {
        Parsed<VirtualStatus> parsed = VirtualStatusParser.parse("#CTotal:\t3\n#CActive:\t2\n#NSProxy:\t40\t8 4 4 4\n");

        assertThat(parsed.value().nsProxyCounts()).containsExactly(40L, 8L, 4L, 4L, 4L);
    }

    @Test
    void hostUptimeFollowsGetUptime() {
        assertThat(HostUptimeParser.parse("20000000.00 39000000.00\n").value()).hasValue(20_000_000_000L);
        assertThat(HostUptimeParser.parse("12.5 1.0\n").value()).hasValue(12_500L);
        assertThat(HostUptimeParser.parse("12.345\n").value()).hasValue(12_345L);
        assertThat(HostUptimeParser.parse("12\n").value()).hasValue(12_000L);
        assertThat(HostUptimeParser.parse("junk").value()).isEmpty();
        assertThat(HostUptimeParser.parse("12x").warnings()).isNotEmpty();
    }
}
