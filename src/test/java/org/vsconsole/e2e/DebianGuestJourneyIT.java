package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Real Debian guests through the REST API, as a script would make them, and package updates over
 * two of them: the first build runs debootstrap (through the console's own package cache), the
 * second copies the base tree; then a dry run, an install whose second download comes from the
 * host's cache, and a job where one guest's apt fails and the other's succeeds. The slow work
 * (one debootstrap) happens once, shared by every step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianGuestJourneyIT {

    private static final String PASSWORD = "debian-admin-password-12";
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f ci@example";
    private static final AdminApi API = new AdminApi(() -> DebianGuestJourneyIT.console, PASSWORD);
    private static RunningConsole console;
    private static Browser browser;
    private static final List<String> figures = new ArrayList<>();

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("debian-journey-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.linux.cgroup-parent=vsc-debian", "--vsconsole.linux.bridge=vsbrdeb0",
                "--vsconsole.provisioning.address-pool=10.234.0.0/24");
    }

    @AfterAll
    static void stop() {
        figures.forEach(f -> System.out.println("[figure] " + f));
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    @Order(1)
    void hostileBuildValuesAreRefusedWithTheFieldNamed() throws Exception {
        String[][] cases = {
                {"{\"method\":\"debootstrap\",\"dist\":\"bookworm --foreign\"}", "build.dist"},
                {"{\"method\":\"debootstrap\",\"dist\":\"bookworm\",\"mirror\":\"http://x.example/debian --keyring=/k\"}", "build.mirror"},
                {"{\"method\":\"debootstrap\",\"dist\":\"bookworm\",\"packages\":[\"-oDpkg::Pre-Invoke::=id\"]}", "build.packages"},
                {"{\"method\":\"debootstrap\",\"dist\":\"bookworm\",\"rootPassword\":\"shortpw\"}", "build.rootPassword"},
                {"{\"method\":\"debootstrap\",\"dist\":\"bookworm\",\"sshKeys\":\"command=\\\"sh\\\" " + KEY + "\"}", "build.sshKeys"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = call("POST", "api/v1/guests", "{\"name\":\"bad1\",\"build\":" + c[0] + "}");
            assertThat(response.statusCode()).as(c[0] + " -> " + response.body()).isEqualTo(400);
            assertThat(response.body()).contains("\"field\":\"" + c[1] + "\"");
        }
        assertThat(call("GET", "api/v1/guests", null).body()).doesNotContain("\"bad1\"");
        assertThat(call("GET", "api/v1/audit?action=guest.create&limit=50", null).body()).doesNotContain("shortpw");
    }

    @Test
    @Order(2)
    void cancellingTheFirstBuildLeavesNoHalfGuestAndNoHalfBaseTree() throws Exception {
        String job = create("{\"name\":\"deb0\",\"build\":{\"method\":\"debootstrap\",\"dist\":\"bookworm\"}}");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && !call("GET", "api/v1/jobs/" + job, null).body().contains("I: Retrieving")) {
            Thread.sleep(200);
        }
        HttpResponse<String> cancel = call("POST", "api/v1/jobs/" + job + "/cancel", null);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        String log = awaitJob(job, Duration.ofMinutes(2), "cancelled");
        assertThat(log).contains("everything it made was removed");
        assertThat(call("GET", "api/v1/guests", null).body()).doesNotContain("\"deb0\"");
        assertThat(console.dataDir().resolve("host/var/lib/vservers/deb0")).doesNotExist();
        try (var trees = Files.walk(console.dataDir().resolve("cache/trees"), 2)) {
            assertThat(trees.map(Path::getFileName).map(Path::toString)).doesNotContain("tree.partial", "tree");
        }
    }

    @Test
    @Order(3)
    void aDebianGuestIsBuiltWithItsSetupAndRuns() throws Exception {
        long started = System.nanoTime();
        String job = create("{\"name\":\"deb1\",\"build\":{\"method\":\"debootstrap\",\"dist\":\"bookworm\","
                + "\"rootPassword\":\"deb1-root-password\",\"sshKeys\":\"" + KEY + "\","
                + "\"postInstall\":\"echo built by the console > /root/first-run.txt\"},\"start\":true}");
        String log = awaitJob(job, Duration.ofMinutes(15), "succeeded");
        figures.add("first Debian build (debootstrap bookworm minbase, start, post-install): "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertThat(log).contains("running debootstrap").contains("I: Base system installed successfully.");

        assertThat(exec("deb1", "apt-get", "--version")).contains("apt 2.");
        assertThat(exec("deb1", "hostname")).contains("deb1");
        assertThat(exec("deb1", "cat", "/root/first-run.txt")).contains("built by the console");
        assertThat(exec("deb1", "cat", "/root/.ssh/authorized_keys")).contains("ci@example");
        String shadow = exec("deb1", "grep", "^root:", "/etc/shadow");
        assertThat(shadow).contains("root:$6$").doesNotContain("deb1-root-password");
        assertThat(call("GET", "api/v1/audit?limit=200", null).body()).doesNotContain("deb1-root-password")
                .doesNotContain(field(shadow, "(\\$6\\$[^:\"]+)"));
        assertThat(exec("deb1", "cat", "/etc/apt/apt.conf.d/01vsconsole-proxy")).contains("http://10.234.0.1:3142/");
    }

    @Test
    @Order(4)
    void theSecondGuestOfTheSuiteCopiesTheBaseTreeInSeconds() throws Exception {
        long started = System.nanoTime();
        String job = create("{\"name\":\"deb2\",\"build\":{\"method\":\"debootstrap\",\"dist\":\"bookworm\"},\"start\":true}");
        String log = awaitJob(job, Duration.ofMinutes(5), "succeeded");
        long ms = (System.nanoTime() - started) / 1_000_000;
        figures.add("second Debian build (copy of the base tree, start): " + ms + " ms");
        assertThat(log).contains("Copying the base tree of bookworm").doesNotContain("running debootstrap");
        assertThat(exec("deb2", "hostname")).contains("deb2");
        assertThat(exec("deb2", "cat", "/etc/hostname")).contains("deb2").doesNotContain("deb1");
    }

    @Test
    @Order(5)
    void aDryRunListsWhatWouldChangeAndAnInstallFetchesOnceThroughTheCache() throws Exception {
        String dry = submitUpdate("{\"guests\":[\"deb1\",\"deb2\"],\"action\":\"install\",\"packages\":[\"hello\"],\"dryRun\":true}");
        awaitJob(dry, Duration.ofMinutes(5), "succeeded");
        String dryJob = call("GET", "api/v1/jobs/" + dry, null).body();
        assertThat(dryJob).contains("would install 1: hello");
        assertThat(exec("deb1", "sh", "-c", "command -v hello || echo absent")).contains("absent");

        long started = System.nanoTime();
        String install = submitUpdate("{\"guests\":[\"deb1\",\"deb2\"],\"action\":\"install\",\"packages\":[\"hello\"]}");
        awaitJob(install, Duration.ofMinutes(5), "succeeded");
        figures.add("update job, install hello on 2 guests: " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertThat(exec("deb1", "hello")).contains("Hello, world!");
        assertThat(exec("deb2", "hello")).contains("Hello, world!");

        // apt-cacher-ng's transfer log: I = fetched from the mirror, O = served to a guest
        List<String> transfers = Files.readAllLines(console.dataDir().resolve("run/apt-cache/log/apt-cacher.log"))
                .stream().filter(l -> l.contains("/hello_")).toList();
        assertThat(transfers.stream().filter(l -> l.contains("|I|"))).as(String.join("\n", transfers)).hasSize(1);
        assertThat(transfers).anyMatch(l -> l.contains("|O|") && l.contains("|10.234.0.2|"))
                .anyMatch(l -> l.contains("|O|") && l.contains("|10.234.0.3|"));
    }

    @Test
    @Order(6)
    void oneGuestsFailureShowsBesideTheOthersSuccessAndCanBeRetried() throws Exception {
        exec("deb2", "sh", "-c", "echo 'deb http://127.0.0.1:9/nowhere bookworm main' > /etc/apt/sources.list.d/broken.list");
        String job = submitUpdate("{\"guests\":[\"deb1\",\"deb2\"],\"action\":\"upgrade\",\"dryRun\":true}");
        awaitJob(job, Duration.ofMinutes(5), "failed");
        String body = call("GET", "api/v1/jobs/" + job, null).body();
        assertThat(field(body, "\"item\":\"deb1\",\"state\":\"(\\w+)\"")).isEqualTo("succeeded");
        assertThat(field(body, "\"item\":\"deb2\",\"state\":\"(\\w+)\"")).isEqualTo("failed");
        assertThat(field(body, "\"message\":\"(1 of 2 guests failed[^\"]*)\"")).contains("deb2");

        exec("deb2", "rm", "/etc/apt/sources.list.d/broken.list");
        HttpResponse<String> retry = call("POST", "api/v1/updates/" + job + "/retry", null);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        String again = field(retry.body(), "\"id\":(\\d+)");
        awaitJob(again, Duration.ofMinutes(5), "succeeded");
        String retried = call("GET", "api/v1/jobs/" + again, null).body();
        assertThat(retried).contains("\"item\":\"deb2\"").doesNotContain("\"item\":\"deb1\"");
        assertThat(call("GET", "api/v1/updates/pending", null).body()).contains("\"deb2\":{\"guest\":\"deb2\",\"pending\":");
    }

    @Test
    @Order(7)
    void guestsWithoutAptAndStoppedGuestsAreReportedNotFailed() throws Exception {
        awaitJob(create("{\"name\":\"bb1\",\"build\":{\"method\":\"skeleton\"},\"start\":true}"), Duration.ofMinutes(2),
                "succeeded");
        assertThat(call("POST", "api/v1/guests/deb2/stop", null).statusCode()).isEqualTo(200);

        String skipping = submitUpdate("{\"guests\":[\"deb1\",\"deb2\",\"bb1\"],\"action\":\"update\"}");
        String body = awaitJob(skipping, Duration.ofMinutes(5), "succeeded");
        assertThat(body).contains("\"item\":\"deb1\",\"state\":\"succeeded\"")
                .contains("\"item\":\"deb2\",\"state\":\"skipped\",\"message\":\"stopped; skipped")
                .contains("\"item\":\"bb1\",\"state\":\"skipped\",\"message\":\"no apt");

        String starting = submitUpdate("{\"guests\":[\"deb2\"],\"action\":\"upgrade\",\"dryRun\":true,"
                + "\"stoppedGuests\":\"start\"}");
        assertThat(awaitJob(starting, Duration.ofMinutes(5), "succeeded")).contains("\"item\":\"deb2\",\"state\":\"succeeded\"")
                .contains("starting it for the update").contains("stopping it again");
        String running = "";
        for (int i = 0; i < 40 && !running.equals("false"); i++) {
            Thread.sleep(250); // the list shows the sampler's last tick
            running = field(call("GET", "api/v1/guests", null).body(), "\"name\":\"deb2\",[^}]*?\"running\":(\\w+)");
        }
        assertThat(running).isEqualTo("false");
        assertThat(call("POST", "api/v1/guests/deb2/start", null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void theUpdatesPageRunsADryRunAndShowsEachGuestsResult() throws Exception {
        browser = new Browser();
        browser.signIn(console, "admin", PASSWORD);
        browser.open(console.url("updates"));
        browser.await(By.id("update-guests"));
        browser.waitUntil(Duration.ofSeconds(10), () -> !browser.gridRow("update-guests", "deb1").isEmpty());
        browser.click("update-run-all");
        browser.waitUntil(Duration.ofMinutes(3), () -> browser.gridRows("update-items").size() == 3
                && browser.gridRows("update-items").stream().noneMatch(r -> r.contains("running") || r.contains("queued")));
        assertThat(browser.gridRow("update-items", "deb1")).contains("succeeded")
                .anyMatch(c -> c.startsWith("would") || c.equals("nothing to do"));
        assertThat(browser.gridRow("update-items", "bb1")).contains("skipped");
        browser.screenshot("updates-dry-run");
        browser.open(console.url("guests/new"));
        browser.await(By.id("wizard-name"));
        browser.type("wizard-name", "deb3");
        for (int i = 0; i < 3; i++) {
            browser.click("wizard-next");
        }
        browser.js("document.getElementById('wizard-method').opened = true;");
        browser.waitUntil(Duration.ofSeconds(10), () -> Boolean.TRUE.equals(browser.js(
                "const i = Array.from(document.querySelectorAll('vaadin-select-item'))"
                        + ".find(e => e.textContent.trim() === 'debootstrap'); if (i) { i.click(); } return !!i;")));
        browser.waitUntil(Duration.ofSeconds(10), () -> Boolean.TRUE.equals(browser.js(
                "const d = document.getElementById('wizard-dist'); return d != null && !d.hidden;")));
        browser.screenshot("guest-wizard-debian");
    }

    private static String create(String json) throws Exception {
        return API.submit("api/v1/guests", json);
    }

    private static String submitUpdate(String json) throws Exception {
        return API.submit("api/v1/updates", json);
    }

    private static String awaitJob(String job, Duration timeout, String expected) throws Exception {
        return API.awaitJob(job, timeout, expected);
    }

    private static String exec(String guest, String... argv) throws Exception {
        StringBuilder json = new StringBuilder("{\"command\":[");
        for (int i = 0; i < argv.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(argv[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        HttpResponse<String> response = call("POST", "api/v1/guests/" + guest + "/exec", json.append("]}").toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> call(String method, String path, String json) throws Exception {
        return API.call(method, path, json);
    }

    private static String field(String body, String regex) {
        return AdminApi.field(body, regex);
    }
}
