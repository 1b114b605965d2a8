package org.vsconsole.host.pty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.TerminalSession;
import org.vsconsole.host.TerminalSize;

/** A real pty with a real shell on the host: what a guest terminal is made of. */
class PtyProcessTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "TERM", "xterm", "PS1", "$ ");

    @Test
    void theShellHasThePtyAsItsTerminalWithTheAskedSize() throws Exception {
        try (PtyProcess pty = PtyProcess.start(List.of("/bin/sh", "-i"), ENV, new TerminalSize(101, 33))) {
            pty.write("tty; stty size; exit\n".getBytes(StandardCharsets.UTF_8));
            String out = readToEnd(pty);

            assertThat(out).contains(pty.slaveName()).contains("33 101");
            assertThat(pty.slaveName()).startsWith("/dev/pts/");
        }
    }

    @Test
    void aResizeReachesTheProgram() throws Exception {
        try (PtyProcess pty = PtyProcess.start(List.of("/bin/sh", "-i"), ENV, new TerminalSize(80, 24))) {
            pty.resize(new TerminalSize(132, 43));
            pty.write("stty size; exit\n".getBytes(StandardCharsets.UTF_8));

            assertThat(readToEnd(pty)).contains("43 132");
        }
    }

    @Test
    void theTerminalIsTheSessionsControllingTerminal() throws Exception {
        // ps shows a controlling terminal only when setsid --ctty made it one; job control needs it
        try (PtyProcess pty = PtyProcess.start(List.of("/bin/sh", "-i"), ENV, new TerminalSize(80, 24))) {
            pty.write("ps -o tty= -p $$; exit\n".getBytes(StandardCharsets.UTF_8));

            assertThat(readToEnd(pty)).contains(pty.slaveName().substring("/dev/".length()));
        }
    }

    @Test
    void closeEndsTheProgramAndTheReader() throws Exception {
        PtyProcess pty = PtyProcess.start(List.of("/bin/sleep", "600"), ENV, new TerminalSize(80, 24));
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> readToEnd(pty));

        pty.close();

        reader.get(10, TimeUnit.SECONDS);
        assertThat(pty.isAlive()).isFalse();
        assertThat(pty.awaitExit(Duration.ofSeconds(1))).isPresent();
    }

    @Test
    void aProgramIgnoringTheHangUpIsKilled() throws Exception {
        PtyProcess pty = PtyProcess.start(List.of("/bin/sh", "-c", "trap '' HUP; echo ready; while :; do sleep 1; done"),
                ENV, new TerminalSize(80, 24));
        byte[] buffer = new byte[256];
        assertThat(new String(buffer, 0, pty.read(buffer), StandardCharsets.UTF_8)).contains("ready");
        long started = System.nanoTime();

        pty.close();

        assertThat(pty.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRelativeProgramIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> PtyProcess.start(List.of("sh"), ENV, new TerminalSize(80, 24)))
                .isInstanceOf(IOException.class);
    }

    static String readToEnd(TerminalSession session) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            int n;
            while ((n = session.read(buffer)) >= 0 && System.nanoTime() < deadline) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
