package org.vsconsole.host.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    final ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin", "ONLY", "this"), 1024,
            Duration.ofMillis(500), Duration.ofMillis(500));

    @Test
    void environmentIsExactlyTheConfiguredOne() throws IOException {
        CommandResult result = runner.run(List.of("/usr/bin/env"), Duration.ofSeconds(5), line -> {
        });

        assertThat(result.stdout().lines()).containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "ONLY=this");
    }

    @Test
    void argvIsNotInterpretedByAShell() throws IOException {
        CommandResult result = runner.run(List.of("/bin/echo", "$(id)", "a;b", "*"), Duration.ofSeconds(5), l -> {
        });

        assertThat(result.stdout()).isEqualTo("$(id) a;b *");
    }

    @Test
    void captureKeepsTheTailWithinTheLimit() throws IOException {
        List<String> streamed = new ArrayList<>();
        CommandResult result = runner.run(List.of("/usr/bin/seq", "1", "5000"), Duration.ofSeconds(5), streamed::add);

        assertThat(streamed).hasSize(5000);
        assertThat(result.outputTruncated()).isTrue();
        assertThat(result.stdout().length()).isLessThanOrEqualTo(1024);
        assertThat(result.stdout()).endsWith("4999\n5000");
    }

    @Test
    void invalidUtf8AndOverlongLinesDoNotBreakReading() throws IOException {
        List<String> streamed = new ArrayList<>();
        CommandResult result = runner.run(List.of("/bin/sh", "-c",
                "printf 'a\\377b\\n'; head -c 100000 /dev/zero | tr '\\0' x; printf '\\nend\\n'"),
                Duration.ofSeconds(5), streamed::add);

        assertThat(result.exitCode()).isZero();
        assertThat(streamed.getFirst()).isEqualTo("a\uFFFDb");
        List<String> pieces = streamed.subList(1, streamed.size() - 1);
        assertThat(pieces).as("a 100000-byte line comes in bounded pieces, nothing lost")
                .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(8192));
        assertThat(String.join("", pieces)).hasSize(100000).matches("x+");
        assertThat(streamed.getLast()).isEqualTo("end");
    }

    @Test
    void aPieceOfAnOverlongLineNeverEndsInsideACharacter() throws IOException {
        List<String> streamed = new ArrayList<>();
        // 8191 ASCII bytes, then two-byte characters: the first one straddles the 8192-byte bound
        runner.run(List.of("/bin/sh", "-c", "head -c 8191 /dev/zero | tr '\\0' a; printf '\\303\\251\\303\\251\\n'"),
                Duration.ofSeconds(5), streamed::add);

        assertThat(String.join("", streamed)).isEqualTo("a".repeat(8191) + "éé").doesNotContain("\uFFFD");
    }

    @Test
    void mergedStderrKeepsTheOrderWritten() throws IOException {
        List<String> streamed = new ArrayList<>();
        CommandResult result = runner.run(ProcessRunner.Command.merged(
                List.of("/bin/sh", "-c", "echo one; echo two >&2; echo three"), Duration.ofSeconds(5), streamed::add));

        assertThat(streamed).containsExactly("one", "two", "three");
        assertThat(result.stdout()).isEqualTo("one\ntwo\nthree");
    }

    @Test
    void aCancelEndsTheTreeAtOnceAndSaysSo() {
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cancel.set(true);
        });

        assertThatThrownBy(() -> runner.run(ProcessRunner.Command.of(List.of("/bin/sh", "-c", "sleep 600 & sleep 600; wait"),
                Duration.ofSeconds(60), l -> {
                }).cancelledWhen(cancel::get)))
                .isInstanceOf(java.util.concurrent.CancellationException.class).hasMessageContaining("stopped on request");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aBackgroundChildHoldingThePipeDoesNotHoldTheCaller() throws IOException {
        long started = System.nanoTime();
        CommandResult result = runner.run(List.of("/bin/sh", "-c", "sleep 5 & echo started; exit 4"),
                Duration.ofSeconds(10), line -> {
                });

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout()).isEqualTo("started");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void timeoutKillsTheTreeAndSaysTimedOut() throws IOException {
        long started = System.nanoTime();
        CommandResult result = runner.run(List.of("/bin/sh", "-c", "sleep 600 & sleep 600 & wait"),
                Duration.ofMillis(500), line -> {
                });

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.succeeded()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aFailingConsumerDoesNotBlockTheCommand() throws IOException {
        CommandResult result = runner.run(List.of("/usr/bin/seq", "1", "100000"), Duration.ofSeconds(10), line -> {
            throw new IllegalStateException("consumer broke");
        });

        assertThat(result.exitCode()).isZero();
        assertThat(result.timedOut()).isFalse();
    }

    @Test
    void missingProgramIsAnIOException() {
        assertThatThrownBy(() -> runner.run(List.of("/nonexistent/vserver"), Duration.ofSeconds(1), l -> {
        }))
                .isInstanceOf(IOException.class);
    }
}
