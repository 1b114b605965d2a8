package org.vsconsole.monitoring;

import static org.vsconsole.monitoring.MonitoringFixtures.figures;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Prints figures only (no assertions): 1000 fixture contexts, 50 dashboards as row models.
 * CPU time of the sampler's per-tick computation (with the diff all viewers share), the row-model
 * updates of 50 dashboards by the old path (each compares every guest) beside the new one (each
 * applies the shared diff) in the same run, retained heap per dashboard after GC, the rows (and an
 * estimate of the bytes) each dashboard would push per tick, and the limits panel's per-tick digest
 * lookup by a scan of the guest list beside a lookup by name.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
class DashboardBench {

    private static final int CONTEXTS = 1000;
    private static final int DASHBOARDS = 50;
    private static final int TICKS = 120;
    private static final java.util.function.Predicate<String> ALL = n -> true;

    @Test
    void bench() throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        Random random = new Random(42);
        long[] user = new long[CONTEXTS];
        int[] procs = new int[CONTEXTS];
        long[] hits = new long[CONTEXTS];
        DeltaTracker tracker = new DeltaTracker();
        Instant t = Instant.parse("2025-03-01T00:00:00Z");
        HostFigures host = MonitoringFixtures.host(8);

        List<DashboardModel> models = new ArrayList<>();
        List<DashboardModel> oldModels = new ArrayList<>();
        long oldModelCpu = 0;
        long samplerCpu = 0;
        long samplerTicks = 0;
        long changedRows = 0;
        long modelCpu = 0;
        for (int tick = 0; tick < TICKS; tick++) {
            Map<String, GuestLive> guests = HashMap.newHashMap(CONTEXTS);
            for (int i = 0; i < CONTEXTS; i++) {
                // about 10 % of guests busy each tick, a few processes changing, rare limit hits
                if (random.nextInt(10) == 0) {
                    user[i] += random.nextInt(500);
                    procs[i] = Math.max(1, procs[i] + random.nextInt(3) - 1);
                }
                if (random.nextInt(500) == 0) {
                    hits[i]++;
                }
                String name = "guest-" + i;
                guests.put(name,
                        MonitoringFixtures.running(name, 40000 + i, figures(40000 + i, procs[i] + 1, 64L << 20, user[i], 0, hits[i])));
            }
            t = t.plusSeconds(1);
            long c0 = threads.getCurrentThreadCpuTime();
            HostSnapshot snapshot = tracker.next(t, guests, host);
            long c1 = threads.getCurrentThreadCpuTime();
            if (tick >= 20) { // after warm-up
                samplerCpu += c1 - c0;
                samplerTicks++;
            }
            if (tick == 0) {
                for (int d = 0; d < DASHBOARDS; d++) {
                    models.add(new DashboardModel());
                    oldModels.add(new DashboardModel());
                }
            }
            long o0 = threads.getCurrentThreadCpuTime();
            for (DashboardModel model : oldModels) {
                model.applyAll(snapshot, n -> true);
            }
            if (tick >= 20) {
                oldModelCpu += threads.getCurrentThreadCpuTime() - o0;
            }
            long m0 = threads.getCurrentThreadCpuTime();
            for (DashboardModel model : models) {
                DashboardModel.Change change = model.apply(snapshot, ALL);
                if (tick >= 20) {
                    changedRows += change.changed().size();
                }
            }
            if (tick >= 20) {
                modelCpu += threads.getCurrentThreadCpuTime() - m0;
            }
        }
        // sparklines as a grid would render them for the rows in view (about 50 per dashboard)
        for (DashboardModel model : models) {
            for (int i = 0; i < 50; i++) {
                model.rows().get(i).cpuSvg();
                model.rows().get(i).rssSvg();
            }
        }
        oldModels.clear();
        long heapWith = usedHeapAfterGc();
        models.clear();
        long heapWithout = usedHeapAfterGc();
        double perUi = (heapWith - heapWithout) / (double) DASHBOARDS;
        double rowsPerUiTick = changedRows / (double) samplerTicks / DASHBOARDS;
        // a refreshed grid row carries about 11 short properties as JSON (≈ 250 bytes); only rows in
        // the client's viewport (≈ 50 of 1000) are actually sent, the rest are no-ops
        double bytesAll = rowsPerUiTick * 250;
        double bytesViewport = rowsPerUiTick * 50.0 / CONTEXTS * 250;
        System.out.printf("DashboardBench: %d contexts, %d dashboards, %d ticks%n", CONTEXTS, DASHBOARDS, samplerTicks);
        System.out.printf("  sampler delta computation: %.2f ms CPU per tick%n", samplerCpu / 1e6 / samplerTicks);
        double oldMs = oldModelCpu / 1e6 / samplerTicks;
        double newMs = modelCpu / 1e6 / samplerTicks;
        System.out.printf(
                "  row-model updates, all %d dashboards, old path (each compares every guest): %.2f ms CPU per tick (%.3f ms per dashboard)%n",
                DASHBOARDS, oldMs, oldMs / DASHBOARDS);
        System.out.printf(
                "  row-model updates, all %d dashboards, shared diff: %.2f ms CPU per tick (%.3f ms per dashboard); old/new %.1fx%n",
                DASHBOARDS, newMs, newMs / DASHBOARDS, oldMs / newMs);
        System.out.printf("  per tick in total (sampler incl. shared diff + %d dashboards): %.2f ms CPU%n",
                DASHBOARDS, samplerCpu / 1e6 / samplerTicks + newMs);
        lookupBench();
        System.out.printf("  retained heap per dashboard: %.0f KB%n", perUi / 1024);
        System.out.printf(
                "  changed rows per dashboard per tick: %.1f of %d (≈ %.1f KB if all were in view, ≈ %.2f KB for a 50-row viewport)%n",
                rowsPerUiTick, CONTEXTS, bytesAll / 1024, bytesViewport / 1024);
    }

    /** The limits panel's digest lookup at every tick: a scan of 1000 configs (old) beside a map (new). */
    private static void lookupBench() {
        List<String> names = new ArrayList<>();
        Map<String, String> byName = HashMap.newHashMap(CONTEXTS);
        for (int i = 0; i < CONTEXTS; i++) {
            names.add("guest-" + i);
            byName.put("guest-" + i, "digest-" + i);
        }
        int panels = DASHBOARDS;
        long sink = 0;
        long scanNs = 0;
        long mapNs = 0;
        int rounds = 2000;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int p = 0; p < panels; p++) {
                String wanted = "guest-" + ((p * 37 + r) % CONTEXTS);
                sink += names.stream().filter(n -> n.equals(wanted)).findFirst().map(String::length).orElse(0);
            }
            long t1 = System.nanoTime();
            for (int p = 0; p < panels; p++) {
                String wanted = "guest-" + ((p * 37 + r) % CONTEXTS);
                String d = byName.get(wanted);
                sink += d == null ? 0 : d.length();
            }
            long t2 = System.nanoTime();
            if (r >= rounds / 4) {
                scanNs += t1 - t0;
                mapNs += t2 - t1;
            }
        }
        int counted = rounds - rounds / 4;
        System.out.printf(
                "  limits panel digest lookup, %d open panels over %d guests: scan %.1f us per tick, by name %.1f us per tick (%.0fx) [%d]%n",
                panels, CONTEXTS, scanNs / 1e3 / counted, mapNs / 1e3 / counted, (double) scanNs / mapNs, sink % 10);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
