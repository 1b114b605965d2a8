package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.ExecResult;

/** Output streaming and bounded waits, with fixed test scripts only. */
class LinuxCommandsTest {

    @Test
    void deliversEveryLineWrittenBeforeTheExit() {
        List<String> lines = new CopyOnWriteArrayList<>();
        ExecResult result = LinuxCommands.stream("test", null,
                List.of("/bin/sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done; exit 3"),
                lines::add, Duration.ofSeconds(20));

        assertThat(result).isEqualTo(new ExecResult(3, false));
        assertThat(lines).hasSize(2000).startsWith("line0").endsWith("line1999");
    }

    @Test
    void endsWithTheCommandEvenWhenABackgroundChildKeepsThePipe() {
        List<String> lines = new CopyOnWriteArrayList<>();
        long begin = System.nanoTime();
        ExecResult result = LinuxCommands.stream("test", null, List.of("/bin/sh", "-c", "echo hello; sleep 15 & exit 0"),
                lines::add, Duration.ofSeconds(20));

        assertThat(result).isEqualTo(new ExecResult(0, false));
        assertThat(lines).containsExactly("hello");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void killsTheCommandAtItsTimeout() {
        ExecResult result = LinuxCommands.stream("test", null, List.of("/bin/sleep", "30"), line -> {
        },
                Duration.ofMillis(300));

        assertThat(result.timedOut()).isTrue();
    }

    @Test
    void splitsAnEndlessLine() {
        List<String> lines = new CopyOnWriteArrayList<>();
        LinuxCommands.stream("test", null, List.of("/usr/bin/head", "-c", "20000", "/dev/zero"), lines::add,
                Duration.ofSeconds(10));

        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(8192));
    }
}
