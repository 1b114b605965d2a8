package org.vsconsole.host.linux;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.GuestSpec;

/**
 * Prints what a guest costs on this host; asserts nothing about time, since CI machines differ.
 * Runs as an ordinary test only where guests can run (root, cgroups, busybox-static).
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
class LinuxDriverBench {

    private static final int ROUNDS = 20;
    private static final int GUESTS = 50;

    @Test
    void startStopLatencyAndFiguresCost() throws Exception {
        try (GuestSandbox sandbox = new GuestSandbox()) {
            LinuxDriver driver = sandbox.driver;
            if (driver.readOnlyReason().isPresent()) {
                System.out.println("bench skipped: " + driver.readOnlyReason().get());
                return;
            }
            GuestSpec tree = sandbox.skeleton("bench", 4200, Map.of());
            long[] starts = new long[ROUNDS];
            long[] stops = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                driver.start(tree);
                long t1 = System.nanoTime();
                driver.stop(tree, Duration.ofSeconds(5));
                long t2 = System.nanoTime();
                starts[i] = t1 - t0;
                stops[i] = t2 - t1;
            }
            System.out.printf("linux driver (LXC) bench: skeleton start median %.1f ms, stop median %.1f ms (%d rounds)%n",
                    median(starts) / 1e6, median(stops) / 1e6, ROUNDS);

            List<GuestSpec> many = new ArrayList<>();
            for (int i = 0; i < GUESTS; i++) {
                // a tree per guest: each is owned by its own guest's id range
                GuestSpec guest = sandbox.skeleton("bench" + i, 4201 + i, Map.of());
                driver.start(guest);
                many.add(guest);
            }
            for (int i = 0; i < 5; i++) {
                driver.figures(many); // warm up the JIT and the page cache
            }
            // CPU time beside wall time: on a shared CI host the wall time mostly measures the neighbours
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long[] calls = new long[ROUNDS];
            long[] cpuCalls = new long[ROUNDS];
            int contexts = 0;
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                contexts = driver.figures(many).size();
                cpuCalls[i] = cpu.getCurrentThreadCpuTime() - c0;
                calls[i] = System.nanoTime() - t0;
            }
            System.out.printf("linux driver (LXC) bench: figures() over %d running guests median %.2f ms wall, %.2f ms CPU%n",
                    contexts, median(calls) / 1e6, median(cpuCalls) / 1e6);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
