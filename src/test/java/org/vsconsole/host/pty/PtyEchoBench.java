package org.vsconsole.host.pty;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.TerminalSize;

/**
 * Prints figures only: keystroke-to-echo time through the pty alone (write one byte to the
 * master, read back the echo of the terminal in its default cooked mode, a {@code cat} on the slave), the
 * floor under the browser figure of {@code TerminalLatencyBench}. {@code ./mvnw -Pbench test -Dtest=PtyEchoBench}
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
class PtyEchoBench {

    private static final int WARM_UP = 200;
    private static final int SAMPLES = 2000;

    @Test
    void bench() throws Exception {
        try (PtyProcess pty = PtyProcess.start(List.of("/bin/cat"), Map.of("PATH", "/usr/bin:/bin"),
                new TerminalSize(80, 24))) {
            byte[] buffer = new byte[256];
            long[] micros = new long[SAMPLES];
            for (int i = 0; i < WARM_UP + SAMPLES; i++) {
                byte key = (byte) ('a' + i % 26);
                long t0 = System.nanoTime();
                pty.write(new byte[]{key});
                int n;
                do {
                    n = pty.read(buffer); // the terminal's echo of the key
                } while (n > 0 && buffer[n - 1] != key);
                long t1 = System.nanoTime();
                if (i >= WARM_UP) {
                    micros[i - WARM_UP] = (t1 - t0) / 1000;
                }
                if (i % 64 == 63) {
                    pty.write("\n".getBytes(StandardCharsets.US_ASCII)); // keep cat's line short
                    pty.read(buffer);
                }
            }
            Arrays.sort(micros);
            System.out.printf("bench: pty echo (host cat, no browser): median %d us, p99 %d us, n=%d%n",
                    micros[SAMPLES / 2], micros[SAMPLES * 99 / 100], SAMPLES);
        }
    }
}
