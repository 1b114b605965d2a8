package org.vsconsole.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints figures only: keystroke-to-echo latency of the browser terminal on loopback, end to end.
 * In the page, a key goes into xterm.js as if typed ({@code term.input}), through Vaadin to the
 * console, the pty, lxc-attach and the guest's shell, and its echo back by push into
 * {@code write()}; the time between is taken with {@code performance.now()} in the browser.
 * Needs root, LXC and the production jar, as the journeys do:
 * {@code ./mvnw -B -o -DskipTests package && SE_OFFLINE=true ./mvnw -B -o -Pbench test -Dtest=TerminalLatencyBench}
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vsconsole.bench", matches = "true")
class TerminalLatencyBench {

    private static final String PASSWORD = "terminal-bench-password-1";
    private static final String GUEST = "termbench";
    private static final int WARM_UP = 20;
    private static final int SAMPLES = 300;

    @Test
    void bench() throws Exception {
        try (RunningConsole console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.linux.cgroup-parent=vsconsole-term", "--vsconsole.linux.bridge=vsbrterm0",
                "--vsconsole.provisioning.address-pool=10.233.0.0/24");
                Browser browser = new Browser()) {
            HttpClient http = HttpClient.newHttpClient();
            JsonMapper json = JsonMapper.builder().build();
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(console.url("api/v1/guests")))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + GUEST + "\",\"context\":\"4601\","
                            + "\"ip\":\"10.233.0.11\",\"prefix\":24,\"build\":{\"method\":\"skeleton\"},\"start\":true}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode job = json.readTree(created.body());
            long id = job.has("job") ? job.path("job").path("id").asLong() : job.path("id").asLong();
            String state = "";
            for (int i = 0; i < 240 && !state.equals("succeeded"); i++) {
                Thread.sleep(500);
                state = json.readTree(http.send(HttpRequest.newBuilder(URI.create(console.url("api/v1/jobs/" + id)))
                        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body())
                        .path("job").path("state").asString();
            }
            browser.signIn(console, "admin", PASSWORD);
            browser.open(console.url("guests/" + GUEST + "/terminal"));
            browser.click("terminal-open");
            browser.waitUntil(Duration.ofSeconds(30), () -> browser.driver().findElement(By.id("terminal-status"))
                    .getText().startsWith("Connected"));
            browser.waitUntil(Duration.ofSeconds(30), () -> String.valueOf(browser.js(
                    "return document.getElementById('terminal-screen').text()")).contains("#"));
            browser.driver().manage().timeouts().scriptTimeout(Duration.ofMinutes(5));
            @SuppressWarnings("unchecked")
            List<Number> millis = (List<Number>) browser.driver().executeAsyncScript(
                    """
                            const done = arguments[arguments.length - 1];
                            const el = document.getElementById('terminal-screen');
                            const term = el._term;
                            const write = el.write.bind(el);
                            let waiting = null;
                            el.write = (data) => { write(data); if (waiting && data.includes(waiting.key)) { const w = waiting; waiting = null; w.resolve(performance.now()); } };
                            const keys = 'abcdefghijklmnopqrstuvwxyz';
                            const results = [];
                            (async () => {
                              for (let i = 0; i < arguments[0] + arguments[1]; i++) {
                                const key = keys[i % 26];
                                const echoed = new Promise((resolve) => { waiting = { key, resolve }; });
                                const t0 = performance.now();
                                term.input(key, true);
                                const t1 = await echoed;
                                if (i >= arguments[0]) { results.push(t1 - t0); }
                                if (i % 40 === 39) { term.input('\\x15', true); await new Promise(r => setTimeout(r, 50)); }
                              }
                              done(results);
                            })();
                            """,
                    WARM_UP, SAMPLES);
            double[] sorted = millis.stream().mapToDouble(Number::doubleValue).sorted().toArray();
            System.out.printf("bench: browser terminal keystroke-to-echo on loopback: median %.1f ms, p99 %.1f ms, n=%d%n",
                    sorted[sorted.length / 2], sorted[sorted.length * 99 / 100], sorted.length);
            browser.click("terminal-close");
            http.send(HttpRequest.newBuilder(URI.create(console.url("api/v1/guests/" + GUEST + "/stop")))
                    .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
