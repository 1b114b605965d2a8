package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.ContextFigures.LimitFigure;
import org.vsconsole.host.LimitValues;

class ProcVirtualReaderTest {

    @Test
    void snapshotOf22TreeHasAllContextsAndFigures() throws IOException {
        ProcSnapshot snapshot = new ProcVirtualReader(Fixtures.path("stat-vstat/proc"), MachineUnits.DEFAULT).read();

        assertThat(snapshot.warnings()).isEmpty();
        assertThat(snapshot.info().generation()).isEqualTo(KernelGeneration.V2_2);
        assertThat(snapshot.status().contextsActive()).isEqualTo(4);
        assertThat(snapshot.hostUptimeMillis()).hasValue(20_000_000_000L);
        assertThat(snapshot.contexts()).extracting(ContextSnapshot::xid).containsExactly(40001, 40002, 40003, 40004);

        ContextSnapshot web1 = snapshot.context(40001).orElseThrow();
        assertThat(web1.nsproxy()).isPresent();
        assertThat(web1.nodeName()).hasValue("web1");
        assertThat(web1.sched().layout()).isEqualTo(SchedLayout.TOKEN_BUCKET_2_2);
        assertThat(web1.cacct().families()).hasSize(6);

        ContextFigures figures = web1.figures();
        assertThat(figures.xid()).isEqualTo(40001);
        assertThat(figures.processes()).isEqualTo(23);
        assertThat(figures.threads()).isEqualTo(31);
        assertThat(figures.vszBytes()).isEqualTo(61234L * 4096);
        assertThat(figures.rssBytes()).isEqualTo(9876L * 4096);
        assertThat(figures.userMs()).isEqualTo(61650);
        assertThat(figures.sysMs()).isEqualTo(1140650);
        assertThat(figures.uptimeMs()).isEqualTo(99_540_000);
        assertThat(figures.limits()).containsOnlyKeys("nproc", "as", "memlock", "rss", "anon", "mapped", "nofile", "openfd",
                "locks", "nsock", "msgqueue", "shmem", "semary", "nsems", "dentry");
        assertThat(figures.limits().get("nproc")).isEqualTo(new LimitFigure(23, 0, 33, LimitValues.UNLIMITED, LimitValues.UNLIMITED, 0));
        assertThat(snapshot.figures()).hasSize(4);
    }

    @Test
    void snapshotOf20TreeHasNoNsproxyAndFourColumnLimits() throws IOException {
        ProcSnapshot snapshot = new ProcVirtualReader(Fixtures.path("stat-legacy/proc"), MachineUnits.DEFAULT).read();

        ContextSnapshot web1 = snapshot.context(40001).orElseThrow();
        assertThat(snapshot.warnings()).isEmpty();
        assertThat(web1.nsproxy()).isEmpty();
        assertThat(web1.nodeName()).hasValue("web1");
        assertThat(web1.limit().layout()).isEqualTo(LimitLayout.FOUR_COLUMNS);
        assertThat(web1.figures().limits().get("nproc")).isEqualTo(new LimitFigure(12, LimitRow.NOT_REPORTED, 150, 150, 150, 3));
        assertThat(web1.figures().processes()).isEqualTo(12);
        assertThat(web1.figures().userMs()).isEqualTo((8734 + 7710) * 10L);
    }

    @Test
    void kernelHzScalesSchedTicks() throws IOException {
        ProcSnapshot snapshot = new ProcVirtualReader(Fixtures.path("stat-legacy/proc"), new MachineUnits(4096, 100, 250)).read();

        assertThat(snapshot.context(40001).orElseThrow().figures().userMs()).isEqualTo(8734 * 4 + 7710 * 4);
    }

    @Test
    void missingAndTruncatedFilesGiveWarningsAndStillAContext(@TempDir Path proc) throws IOException {
        Path ctx = Files.createDirectories(proc.resolve("virtual/40001"));
        Files.writeString(proc.resolve("virtual/info"), "VCIVersion:\t0002:0203\n");
        Files.writeString(ctx.resolve("status"), "UseCnt:\t3\nTasks:\t2\n");
        Files.writeString(ctx.resolve("limit"),
                "Limit\t current\t     min/max\t\t    soft/hard\t\thits\nPROC:\t 2\t 0/ 3\t -1/ -1\t 0\nVM:\t 12");
        Files.createDirectories(proc.resolve("virtual/40002"));
        Files.createDirectories(proc.resolve("virtual/not-a-context"));

        ProcSnapshot snapshot = new ProcVirtualReader(proc, MachineUnits.DEFAULT).read();

        assertThat(snapshot.contexts()).extracting(ContextSnapshot::xid).containsExactly(40001);
        ContextSnapshot context = snapshot.contexts().getFirst();
        assertThat(context.figures().processes()).isEqualTo(2);
        assertThat(context.figures().uptimeMs()).isZero();
        assertThat(context.warnings()).anyMatch(w -> w.contains("info missing"))
                .anyMatch(w -> w.contains("limit: file ends inside a line"))
                .anyMatch(w -> w.contains("sched missing"));
        assertThat(snapshot.warnings()).anyMatch(w -> w.contains("context 40002 vanished"))
                .anyMatch(w -> w.contains("status missing"))
                .anyMatch(w -> w.contains("uptime missing"));
    }

    @Test
    void filesLargerThanTheReadBufferAreReadWhole(@TempDir Path proc) throws IOException {
        Path ctx = Files.createDirectories(proc.resolve("virtual/40001"));
        StringBuilder limit = new StringBuilder();
        for (int row = 0; row < 400; row++) {
            limit.append("ROW").append(row).append(":\t       1\t       2\t       3\t     4\n");
        }
        Files.writeString(ctx.resolve("limit"), limit);
        Files.writeString(ctx.resolve("status"), "Tasks:\t1\n");

        ProcSnapshot snapshot = new ProcVirtualReader(proc, MachineUnits.DEFAULT).read();

        assertThat(limit.length()).isGreaterThan(2 * 8192);
        LimitTable table = snapshot.contexts().getFirst().limit();
        assertThat(table.rows()).hasSize(400);
        assertThat(table.row("ROW399")).hasValue(new LimitRow("ROW399", 1, LimitRow.NOT_REPORTED, 2, 3, 3, 4));
    }

    @Test
    void treeWithoutVirtualIsAnError(@TempDir Path proc) {
        assertThatThrownBy(() -> new ProcVirtualReader(proc, MachineUnits.DEFAULT).read()).isInstanceOf(NoSuchFileException.class);
    }
}
