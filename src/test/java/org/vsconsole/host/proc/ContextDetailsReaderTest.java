package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.ContextDetails;

/**
 * The details panel reads one context's {@code /proc/virtual/<xid>/} files as the reference prints
 * them: what an admin would read off {@code cat cvirt}, {@code sched}, {@code cacct} and {@code status}.
 */
class ContextDetailsReaderTest {

    @Test
    void aVs22ContextGivesLoadThreadsForksUptimeUnameBucketSocketsAndItsRawFiles() {
        ContextDetails d = new ContextDetailsReader(Fixtures.path("stat-vstat/proc")).read(40001).orElseThrow();

        assertThat(d.source()).isEqualTo("/proc/virtual/40001");
        ContextDetails.Cvirt c = d.cvirt();
        assertThat(c.load1()).isEqualTo(0.08);
        assertThat(c.load5()).isEqualTo(0.03);
        assertThat(c.load15()).isEqualTo(0.01);
        assertThat(c.threads()).isEqualTo(31);
        assertThat(c.totalForks()).isEqualTo(48211);
        // host uptime 20000000.00 s less BiasUptime 19900460.00 s: 1 d 03 h 39 min, as vserver-stat prints
        assertThat(c.uptimeMs()).isEqualTo(99_540_000L);
        assertThat(c.nodeName()).isEqualTo("web1");
        assertThat(c.domainName()).isEqualTo("example.com");
        assertThat(c.release()).isEqualTo("2.6.22.19-vs2.2.0.7");

        ContextDetails.Sched s = d.sched();
        assertThat(s.fillRate()).isEqualTo(1);
        assertThat(s.interval()).isEqualTo(4);
        assertThat(s.idleInterval()).isEqualTo(8);
        assertThat(s.tokensMin()).isEqualTo(15);
        assertThat(s.tokensMax()).isEqualTo(125);
        assertThat(s.tokens()).as("vs2.0 only").isNull();
        assertThat(s.cpus()).extracting(ContextDetails.CpuTicks::user).containsExactly(3082L, 3083L);

        assertThat(d.sockets()).filteredOn(f -> f.family().equals("INET")).singleElement().satisfies(f -> {
            assertThat(f.receivedCount()).isEqualTo(1840);
            assertThat(f.receivedBytes()).isEqualTo(2_201_931);
            assertThat(f.sentCount()).isEqualTo(2207);
            assertThat(f.failedBytes()).isEqualTo(180);
        });
        assertThat(d.status().tasks()).isEqualTo(23);
        assertThat(d.status().flags()).isEqualTo("0000001402020000");
        assertThat(d.status().systemCapabilities()).isEqualTo("00000000b44c04ff");

        assertThat(d.rawFiles().keySet()).containsExactly("info", "status", "limit", "sched", "cvirt", "cacct", "nsproxy");
        assertThat(d.rawFiles().get("cvirt")).startsWith("BiasUptime:\t19900460.00\n");
        assertThat(d.unavailable()).isEmpty();
        assertThat(d.withoutRawFiles().rawFiles()).isEmpty();
    }

    @Test
    void aLate23ContextTakesItsHostNameFromNsproxyAndAStoppedOneHasNoDetails(@TempDir Path proc) throws Exception {
        Path dir = Files.createDirectories(proc.resolve("virtual/40009"));
        Files.writeString(dir.resolve("cvirt"), Fixtures.reference("cvirt-2.3"));
        Files.writeString(dir.resolve("nsproxy"), Fixtures.reference("nsproxy-2.3"));
        Files.writeString(dir.resolve("status"), Fixtures.reference("ctx-status-2.3"));
        Files.writeString(dir.resolve("sched"), Fixtures.reference("sched-2.3"));

        ContextDetails d = new ContextDetailsReader(proc).read(40009).orElseThrow();

        assertThat(d.cvirt().nodeName()).isEqualTo("web1");
        assertThat(d.cvirt().uptimeMs()).as("no /proc/uptime: unknown, not 0").isNull();
        assertThat(d.sched().fillRate()).as("late 2.3 has no token bucket").isNull();
        assertThat(d.sched().prioBias()).isEqualTo(0);
        assertThat(d.sockets()).as("no cacct file").isNull();
        assertThat(new ContextDetailsReader(proc).read(40010)).isEmpty();
    }
}
