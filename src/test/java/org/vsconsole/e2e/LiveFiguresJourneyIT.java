package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Live figures in a real browser against the production jar with a real guest: the dashboard
 * shows new processes within 3 seconds without touching the page, and an nproc limit changed in
 * the Limits tab is applied, shown, and then counts a hit when the guest goes past it.
 */
class LiveFiguresJourneyIT {

    private static final String PASSWORD = "live-admin-password-12";
    private static final String GUEST = "live1";
    private static RunningConsole console;
    private static Browser browser;
    private static final AdminApi API = new AdminApi(() -> LiveFiguresJourneyIT.console, PASSWORD);

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("live-journey-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() throws Exception {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.linux.cgroup-parent=vsc-live", "--vsconsole.linux.bridge=vslive0",
                "--vsconsole.provisioning.address-pool=10.231.8.0/24");
        browser = new Browser();
        API.awaitJob(API.submit("api/v1/guests",
                "{\"name\":\"" + GUEST + "\",\"build\":{\"method\":\"skeleton\"},\"start\":true}"),
                Duration.ofMinutes(2), "succeeded");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close(); // also stops what a journey that failed half-way left running
        }
    }

    @Test
    void dashboardFollowsProcessesAndAnNprocLimitCountsItsHit() throws Exception {
        browser.signIn(console, "admin", PASSWORD);
        browser.open(console.url("dashboard"));
        browser.await(By.id("dashboard-grid"));
        browser.waitUntil(Duration.ofSeconds(20), () -> proc() > 0);
        int before = proc();
        browser.screenshot("dashboard");

        // Three more processes inside the guest; the page is not touched from here on.
        HttpResponse<String> exec = call("POST", "api/v1/guests/" + GUEST + "/exec",
                "{\"command\":[\"/bin/sh\",\"-c\",\"sleep 600 & sleep 600 & sleep 600 &\"]}");
        assertThat(exec.statusCode()).as(exec.body()).isEqualTo(200);
        long shownAt = System.nanoTime();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(3)).pollingEvery(Duration.ofMillis(100))
                .until(d -> proc() >= before + 3);
        long ms = (System.nanoTime() - shownAt) / 1_000_000;
        assertThat(ms).as("PROC shown within 3 s").isLessThanOrEqualTo(3000);
        int running = proc();

        // The Limits tab: nproc two above what runs now, applied live and saved.
        browser.open(console.url("guests/" + GUEST));
        browser.await(By.id("guest-title"));
        browser.selectTab("Limits");
        browser.await(By.id("limit-nproc-soft"));
        int limit = running + 2;
        browser.type("limit-nproc-soft", Integer.toString(limit));
        browser.type("limit-nproc-hard", Integer.toString(limit));
        browser.click("limits-apply-save");
        // textContent: after the click the page may sit scrolled so the row is out of view, where
        // WebDriver's getText() answers "" for text that is there
        browser.waitUntil(Duration.ofSeconds(20), () -> text("limit-nproc-live").equals(limit + " / " + limit));
        assertThat(text("limit-nproc-saved")).startsWith(limit + " / " + limit);
        browser.screenshot("limits-applied");

        // Go past it inside the guest: forks are refused and the row shows the hit, live.
        call("POST", "api/v1/guests/" + GUEST + "/exec",
                "{\"command\":[\"/bin/sh\",\"-c\",\"for i in 1 2 3 4 5 6; do sleep 600 & done\"]}");
        browser.waitUntil(Duration.ofSeconds(20), () -> text("limit-nproc-hits").contains("refused"));
        assertThat(text("limit-nproc-hits")).matches(".*[1-9]\\d* refused.*");
        browser.screenshot("limits-hit");

        // The console dies (SIGKILL) while the guest runs; after restart it finds the guest running
        // again, from the kernel, with its processes.
        console = console.killAndRestart();
        String guests = call("GET", "api/v1/guests", null).body();
        for (int i = 0; i < 40 && !guests.contains("\"running\":true"); i++) {
            Thread.sleep(250); // the first sampler tick after start
            guests = call("GET", "api/v1/guests", null).body();
        }
        assertThat(guests).contains("\"name\":\"" + GUEST + "\"");
        assertThat(field(guests, "\"running\":(\\w+)")).isEqualTo("true");
        assertThat(Integer.parseInt(field(guests, "\"processes\":(\\d+)"))).isGreaterThanOrEqualTo(running);
    }

    private static String text(String id) {
        Object text = browser.js("const e = document.getElementById(arguments[0]); return e ? e.textContent.trim() : '';", id);
        return text == null ? "" : text.toString();
    }

    private static int proc() {
        Object text = browser.js("const e = document.querySelector(\"span.proc[data-guest='" + GUEST + "']\");"
                + " return e ? e.textContent.trim() : '';");
        String value = text == null ? "" : text.toString();
        return value.matches("\\d+") ? Integer.parseInt(value) : -1;
    }

    private static HttpResponse<String> call(String method, String path, String json) throws Exception {
        return API.call(method, path, json);
    }

    private static String field(String body, String regex) {
        return AdminApi.field(body, regex);
    }

}
