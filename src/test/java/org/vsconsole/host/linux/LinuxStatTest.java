package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.proc.StatCommand;

/**
 * {@code java -jar … stat} on a stock-kernel host: no {@code /proc/virtual}, so the table comes from
 * the linux driver's cgroups (v2 here, as a temp-dir tree laid out like {@code /sys/fs/cgroup}) and
 * the processes in {@code /proc}, in {@code vserver-stat}'s exact columns, with the host as context 0.
 */
class LinuxStatTest {

    @TempDir
    Path dir;

    Path proc;
    Path cgroup;
    Path config;

    @BeforeEach
    void host() throws IOException {
        proc = Files.createDirectories(dir.resolve("proc"));
        cgroup = Files.createDirectories(dir.resolve("cgroup"));
        config = Files.createDirectories(dir.resolve("etc-vservers"));
        Files.writeString(proc.resolve("uptime"), "100000.00 190000.00\n");
        Files.writeString(cgroup.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        // the host: init (started 1 s after boot) and LXC's monitor of the guest, in the monitor's own cgroup
        process(1, "systemd", 100, 200, 1, 100, 10L << 20, 1000, "NSpid:\t1\n");
        process(50, "lxc-start", 50, 0, 1, 500, 20L << 20, 500, "NSpid:\t50\n");
        write(cgroup.resolve("vsconsole/monitor.40001/cgroup.procs"), "50\n");
        // guest web1 on context 40001: its init started 90000 s after boot, and one more process
        process(100, "init", 0, 0, 1, 9_000_000, 100L << 20, 10, "NSpid:\t100\t1\n");
        process(101, "nginx", 0, 0, 2, 9_000_100, 150L << 20, 10, "NSpid:\t101\t7\n");
        Path ctx = cgroup.resolve("vsconsole/40001");
        write(ctx.resolve("cgroup.procs"), "100\n101\n");
        write(ctx.resolve("pids.current"), "3\n");
        write(ctx.resolve("memory.current"), "40370176\n");
        write(ctx.resolve("cpu.stat"), "usage_usec 1202300000\nuser_usec 61650000\nsystem_usec 1140650000\n");
        // a context left over by a crashed start: a cgroup without processes is not listed
        Files.createDirectories(cgroup.resolve("vsconsole/40002"));
        write(config.resolve("web1/context"), "40001\n");
    }

    @Test
    void withoutProcVirtualTheTableComesFromTheCgroupsWithTheHostAsContextZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = StatCommand.run(new String[]{"stat", "--proc-root", proc.toString(), "--config-root", config.toString(),
                "--cgroup-root", cgroup.toString()}, print(out), print(err), LinuxStat::compute);

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(StatCommand.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME
                0        2    30M   5.8M   0m01s50   0m02s00   1d03h46 root server
                40001    3   250M  38.5M   1m01s65  19m00s65   2h46m40 web1
                """);
    }

    @Test
    void theLinuxLayoutIsChosenByNameAndItsParentIsCheckedAgainstTheDriversRule() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] base = {"stat", "--proc-root", proc.toString(), "--config-root", config.toString(), "--cgroup-root",
                cgroup.toString(), "--driver", "linux"};

        assertThat(StatCommand.run(base, print(out), print(err), LinuxStat::compute)).isEqualTo(StatCommand.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("40001    3");

        String[] otherParent = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.stream.Stream.of("--cgroup-parent", "elsewhere")).toArray(String[]::new);
        out.reset();
        assertThat(StatCommand.run(otherParent, print(out), print(err), LinuxStat::compute)).isEqualTo(StatCommand.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("no guest under that parent: every process is the host's")
                .doesNotContain("40001").contains("0        4");

        String[] bad = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.stream.Stream.of("--cgroup-parent", "../x")).toArray(String[]::new);
        err.reset();
        assertThat(StatCommand.run(bad, print(out), print(err), LinuxStat::compute)).isEqualTo(StatCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cgroup-parent needs 1-64 ASCII letters");

        String[] vserver = {"stat", "--proc-root", proc.toString(), "--config-root", config.toString(), "--driver", "vserver"};
        err.reset();
        assertThat(StatCommand.run(vserver, print(out), print(err), LinuxStat::compute)).isEqualTo(StatCommand.READ_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
    }

    private void process(int pid, String comm, long utime, long stime, int threads, long start, long vsize, long rss,
            String status) throws IOException {
        Path p = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(p.resolve("stat"), pid + " (" + comm + ") S 1 1 1 0 -1 4194560 100 0 0 0 " + utime + " " + stime
                + " 0 0 20 0 " + threads + " 0 " + start + " " + vsize + " " + rss + " 18446744073709551615 1 1 0 0 0\n");
        Files.writeString(p.resolve("status"), "Name:\t" + comm + "\nUid:\t0\t0\t0\t0\n" + status);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
