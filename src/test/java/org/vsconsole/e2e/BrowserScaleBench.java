package org.vsconsole.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.vsconsole.host.proc.ThousandContexts;

/**
 * A host of 1000 running guests in a real browser: how long the guest list takes to show all
 * 1000 and to scroll to the last, and how busy the browser's main thread is while the dashboard
 * pushes every second for a minute (Chrome's own Performance metrics), with the page's JS heap.
 * The host is the vserver driver over a generated {@code /proc/virtual} whose figures a tenth of
 * the guests change every second. Figures only; run on purpose (after package):
 * {@code ./mvnw -Pbench test -Dtest=BrowserScaleBench}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
class BrowserScaleBench {

    private static final int GUESTS = 1000;
    private static final String PASSWORD = "scale-admin-password-7";

    @Test
    void thousandGuestsInTheListAndOnTheDashboard() throws Exception {
        Path host = Files.createTempDirectory("vsconsole-scale-");
        Path proc = host.resolve("proc");
        Path config = host.resolve("etc-vservers");
        ThousandContexts.generate(proc, config, GUESTS);
        Path fakeBin = Path.of("src/test/resources/fake-util-vserver").toAbsolutePath();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong ticks = new AtomicLong();
        try (RunningConsole console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.host.driver=vserver", "--vsconsole.host.proc-root=" + proc,
                "--vsconsole.host.config-root=" + config, "--vsconsole.host.util-vserver-bin=" + fakeBin);
                Browser browser = new Browser()) {
            browser.signIn(console, "admin", PASSWORD);

            long listStart = System.nanoTime();
            browser.open(console.url("guests"));
            browser.waitUntil(Duration.ofSeconds(60), () -> gridSize(browser, "guest-grid") >= GUESTS);
            long listMs = (System.nanoTime() - listStart) / 1_000_000;
            long scrollStart = System.nanoTime();
            browser.js("document.getElementById('guest-grid').scrollToIndex(" + (GUESTS - 1) + ")");
            browser.waitUntil(Duration.ofSeconds(30), () -> Boolean.TRUE.equals(browser.js(
                    "return Array.from(document.querySelectorAll('vaadin-grid-cell-content'))"
                            + ".some(c => c.textContent.trim() === 'guest" + (GUESTS - 1) + "')")));
            long scrollMs = (System.nanoTime() - scrollStart) / 1_000_000;
            System.out.printf("BrowserScaleBench: guest list of %d guests shown in %d ms (open to all rows known); "
                    + "scrolled to the last in %d ms%n", GUESTS, listMs, scrollMs);

            browser.open(console.url("dashboard"));
            browser.waitUntil(Duration.ofSeconds(60), () -> gridSize(browser, "dashboard-grid") >= GUESTS);
            ticker.scheduleAtFixedRate(() -> {
                try {
                    ThousandContexts.tick(proc, GUESTS, ticks.incrementAndGet());
                } catch (Exception e) {
                    System.out.println("BrowserScaleBench: tick failed: " + e);
                }
            }, 0, 1, TimeUnit.SECONDS);
            browser.driver().executeCdpCommand("Performance.enable", Map.of());
            Map<String, Double> before = metrics(browser);
            long wall = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(60));
            Map<String, Double> after = metrics(browser);
            double seconds = (System.nanoTime() - wall) / 1e9;
            double task = after.get("TaskDuration") - before.get("TaskDuration");
            double script = after.get("ScriptDuration") - before.get("ScriptDuration");
            double layout = after.get("LayoutDuration") - before.get("LayoutDuration");
            System.out.printf("BrowserScaleBench: dashboard of %d rows for %.0f s with %d host ticks: main thread busy %.1f %%"
                    + " (script %.1f %%, layout %.1f %%), JS heap %.1f MB%n", GUESTS, seconds, ticks.get(),
                    100 * task / seconds, 100 * script / seconds, 100 * layout / seconds,
                    after.get("JSHeapUsedSize") / (1024 * 1024));
        } finally {
            ticker.shutdownNow();
            try (var tree = Files.walk(host)) {
                tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long gridSize(Browser browser, String id) {
        Object size = browser.js("const g = document.getElementById('" + id + "'); return g ? (g.size || 0) : 0;");
        return ((Number) size).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> metrics(Browser browser) {
        Map<String, Object> answer = browser.driver().executeCdpCommand("Performance.getMetrics", Map.of());
        Map<String, Double> out = new java.util.HashMap<>();
        for (Map<String, Object> m : (java.util.List<Map<String, Object>>) answer.get("metrics")) {
            out.put((String) m.get("name"), ((Number) m.get("value")).doubleValue());
        }
        return out;
    }
}
