package org.vsconsole.host.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return StatCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String fixture(String relative) {
        return Fixtures.path(relative).toString();
    }

    @Test
    void printsTheContextStatisticsTableByteForByte() {
        int code = run("stat", "--proc-root", fixture("stat-vstat/proc"), "--config-root", fixture("stat-vstat/config"));

        assertThat(code).isZero();
        assertThat(out.toByteArray()).isEqualTo(Fixtures.text("stat-vstat/expected.txt").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void printsTheProcessWalkTableByteForByte() {
        int code = run("stat", "--config-root", fixture("stat-legacy/config"), "--proc-root", fixture("stat-legacy/proc"));

        assertThat(code).isZero();
        assertThat(out.toByteArray()).isEqualTo(Fixtures.text("stat-legacy/expected.txt").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/proc/4243/stat not understood");
    }

    @Test
    void printsTheCgroupTableByteForByte() {
        int code = run("stat", "--proc-root", fixture("stat-cgroup/proc"), "--config-root", fixture("stat-cgroup/config"),
                "--cgroup-root", fixture("stat-cgroup/cgroup"), "--page-size", "4096", "--user-hz", "100", "--kernel-hz", "100");

        assertThat(code).isZero();
        assertThat(out.toByteArray()).isEqualTo(Fixtures.text("stat-cgroup/expected.txt").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void pageSizeChangesTheMemoryColumns() {
        run("stat", "--proc-root", fixture("stat-vstat/proc"), "--config-root", fixture("stat-vstat/config"), "--page-size", "8192");

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("40001   23 478.3M  77.1M");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        assertThat(run("stat", "--proc-root", fixture("stat-vstat/proc"))).isEqualTo(StatCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("stat: --config-root is required\nUsage: stat");
        assertThat(out.size()).isZero();
    }

    @Test
    void badArgumentsAreUsageErrors() {
        String proc = fixture("stat-vstat/proc");
        String config = fixture("stat-vstat/config");
        assertThat(run()).isEqualTo(StatCommand.USAGE);
        assertThat(run("status")).isEqualTo(StatCommand.USAGE);
        assertThat(run("stat", "--proc-root")).isEqualTo(StatCommand.USAGE);
        assertThat(run("stat", "--bogus", "x", "--proc-root", proc, "--config-root", config)).isEqualTo(StatCommand.USAGE);
        assertThat(run("stat", "extra", "--proc-root", proc, "--config-root", config)).isEqualTo(StatCommand.USAGE);
        assertThat(run("stat", "--proc-root", proc, "--proc-root", proc, "--config-root", config)).isEqualTo(StatCommand.USAGE);
        assertThat(run("stat", "--proc-root", fixture("stat-vstat/expected.txt"), "--config-root", config)).isEqualTo(StatCommand.USAGE);
        assertThat(run("stat", "--proc-root", proc, "--config-root", config, "--page-size", "0")).isEqualTo(StatCommand.USAGE);
        assertThat(run("stat", "--proc-root", proc, "--config-root", config, "--kernel-hz", "abc")).isEqualTo(StatCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("first argument must be \"stat\"")
                .contains("--proc-root needs a value")
                .contains("unknown argument --bogus")
                .contains("unknown argument extra")
                .contains("--proc-root given twice")
                .contains("is not a directory")
                .contains("--page-size needs a positive whole number, not \"0\"");
        assertThat(out.size()).isZero();
    }

    @Test
    void unreadableProcTreeExitsWithOne() {
        int code = run("stat", "--proc-root", fixture("stat-vstat/config"), "--config-root", fixture("stat-vstat/config"));

        assertThat(code).isEqualTo(StatCommand.READ_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("stat: cannot read");
    }
}
