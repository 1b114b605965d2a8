package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The three code paths on fixture trees built to give the reference tables of §3.4. */
class VserverStatTest {

    private static StatTable compute(String fixture, Optional<Path> cgroup) throws IOException {
        Path root = Fixtures.path(fixture);
        return new VserverStat(root.resolve("proc"), root.resolve("config"), cgroup, MachineUnits.DEFAULT).compute();
    }

    @Test
    void contextStatisticsPathPrintsTheReferenceTable() throws IOException {
        StatTable table = compute("stat-vstat", Optional.empty());

        assertThat(table.path()).isEqualTo(StatPath.CONTEXT_STATISTICS);
        assertThat(table.warnings()).isEmpty();
        assertThat(VserverStatFormatter.format(table)).isEqualTo(Fixtures.text("reference/vserver-stat-vstat.txt"));
    }

    @Test
    void contextStatisticsRowsCarryUnroundedFigures() throws IOException {
        StatRow web1 = compute("stat-vstat", Optional.empty()).rows().getFirst();

        assertThat(web1).isEqualTo(new StatRow(40001, 23, 61234L * 4096, 9876L * 4096, 61650, 1140650, 99_540_000, "web1", false));
    }

    @Test
    void processWalkPathIncludesTheRootServer() throws IOException {
        StatTable table = compute("stat-legacy", Optional.empty());

        assertThat(table.path()).isEqualTo(StatPath.PROCESS_WALK);
        assertThat(VserverStatFormatter.format(table)).isEqualTo(Fixtures.text("reference/vserver-stat-legacy.txt"));
        assertThat(table.rows().getFirst().processes()).isEqualTo(87);
        // pid 4243 has a junk stat file; pid 4242 ended before its stat could be read (silent)
        assertThat(table.warnings()).singleElement().asString().contains("/proc/4243/stat");
    }

    @Test
    void cgroupPathReadsMemoryAndCpuacctAndSkipsHostContexts() throws IOException {
        StatTable table = compute("stat-cgroup", Optional.of(Fixtures.path("stat-cgroup/cgroup")));

        assertThat(table.path()).isEqualTo(StatPath.CGROUP);
        assertThat(table.warnings()).isEmpty();
        assertThat(VserverStatFormatter.format(table)).isEqualTo(Fixtures.text("reference/vserver-stat-vstat.txt"));
    }

    @Test
    void cgroupPathWithoutCgroupFilesWarnsAndFallsBackToSched() throws IOException {
        StatTable table = compute("stat-cgroup", Optional.of(Fixtures.path("stat-cgroup/config")));

        assertThat(table.rows()).hasSize(4);
        assertThat(table.rows().getFirst().rssBytes()).isZero();
        assertThat(table.rows().getFirst().userMillis()).isEqualTo(61650);
        assertThat(table.warnings()).anyMatch(w -> w.contains("memory.stat"));
    }

    @Test
    void guestNamesComeFromNameFileOrDirectory() {
        GuestNames names = GuestNames.scan(Fixtures.path("stat-vstat/config"));

        assertThat(names.displayName(0)).isEqualTo("root server");
        assertThat(names.displayName(1)).isEqualTo("monitoring server");
        assertThat(names.displayName(40001)).isEqualTo("web1");
        assertThat(names.displayName(40003)).isEqualTo("database-server-long-name");
        assertThat(names.byXid(40003).orElseThrow().directory().getFileName()).hasToString("database");
        assertThat(names.displayName(40009)).isEqualTo("stopped");
        assertThat(names.displayName(49999)).isEmpty();
        assertThat(names.warnings()).isEmpty();
    }

    @Test
    void missingConfigRootGivesEmptyNamesAndAWarning() {
        GuestNames names = GuestNames.scan(Fixtures.path("does-not-exist"));

        assertThat(names.displayName(40001)).isEmpty();
        assertThat(names.warnings()).hasSize(1);
    }

    @Test
    void guestXidRangeFollowsGetXidType() {
        assertThat(VserverStat.isGuestXid(0, true)).isFalse();
        assertThat(VserverStat.isGuestXid(1, true)).isFalse();
        assertThat(VserverStat.isGuestXid(2, true)).isTrue();
        assertThat(VserverStat.isGuestXid(65534, true)).isTrue();
        assertThat(VserverStat.isGuestXid(65535, true)).isFalse();
        assertThat(VserverStat.isGuestXid(65535, false)).isTrue();
    }
}
