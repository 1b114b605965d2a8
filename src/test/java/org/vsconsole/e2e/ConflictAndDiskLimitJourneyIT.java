package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two things an admin runs into on a real host, in a real browser against the production jar with
 * the linux driver (root, as CI runs):
 * <ul>
 *   <li>a guest copied by hand ({@code cp -a} of its config directory, a new address, the context
 *       left as it was) shows up within seconds as "Context conflict" next to the running original,
 *       names the original on its page, offers no lifecycle action, and every action on it, from
 *       the page or over REST, is refused and audited as denied while the original keeps running;</li>
 *   <li>a disk limit set on the Limits tab is saved but, on a file system mounted without
 *       {@code prjquota} (this machine's), the tab and the API say it is not enforced and why.</li>
 * </ul>
 * Screenshots at 1440x900 and 390x844 go to target/screenshots/.
 */
class ConflictAndDiskLimitJourneyIT {

    private static final String PASSWORD = "conflict-admin-password-1";
    private static final String ORIGINAL = "web1";
    private static final String COPY = "web2";
    /** A context of this journey's own, so no other journey's guest can hold it. */
    private static final int XID = 4231;
    private static final String ORIGINAL_IP = "10.231.9.21";
    private static final String COPY_IP = "10.231.9.22";
    private static final Duration CONFLICT_SHOWN_WITHIN = Duration.ofSeconds(10);

    private static RunningConsole console;
    private static Browser browser;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("conflict-journey-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.linux.cgroup-parent=vsc-conflict", "--vsconsole.linux.bridge=vsconf0",
                "--vsconsole.provisioning.address-pool=10.231.9.0/24");
        browser = new Browser();
        browser.viewport(1440, 900);
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
    void aHandCopiedGuestIsAConflictAndADiskLimitSaysWhyItIsNotEnforced() throws Exception {
        browser.signIn(console, "admin", PASSWORD);

        // 1. web1, created over REST in its own context and started; the list shows it running.
        HttpResponse<String> created = call("POST", "api/v1/guests", "{\"name\":\"" + ORIGINAL + "\",\"context\":\"" + XID
                + "\",\"ip\":\"" + ORIGINAL_IP + "\",\"prefix\":24,\"build\":{\"method\":\"skeleton\"},\"start\":true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        awaitJob(created.body());
        browser.open(console.url("guests"));
        browser.await(By.id("guest-grid"));
        browser.waitUntil(Duration.ofSeconds(30), () -> browser.gridRow("guest-grid", ORIGINAL).contains("Running"));
        assertThat(browser.gridRow("guest-grid", ORIGINAL)).contains(Integer.toString(XID));

        // 2. An admin copies web1's config directory by hand and gives the copy its own address.
        Path configRoot = console.dataDir().resolve("host/etc/vservers");
        Path original = configRoot.resolve(ORIGINAL);
        Path copy = configRoot.resolve(COPY);
        assertThat(original.resolve("interfaces/0/ip")).exists();
        run("cp", "-a", original.toString(), copy.toString());
        Files.writeString(copy.resolve("interfaces/0/ip"), COPY_IP + "\n", StandardCharsets.UTF_8);
        long copiedAt = System.nanoTime();

        // The list, left open and untouched, shows the copy in conflict and the original still running.
        browser.waitUntil(CONFLICT_SHOWN_WITHIN, () -> String.join(" ", browser.gridRow("guest-grid", COPY))
                .contains("Context conflict"));
        long shownMs = (System.nanoTime() - copiedAt) / 1_000_000;
        System.out.println("web2 shown as 'Context conflict' " + shownMs + " ms after the copy");
        List<String> copyRow = browser.gridRow("guest-grid", COPY);
        List<String> originalRow = browser.gridRow("guest-grid", ORIGINAL);
        assertThat(copyRow).as("web2's row").doesNotContain("Running").contains(Integer.toString(XID));
        assertThat(String.join(" ", copyRow)).contains(COPY_IP);
        assertThat(originalRow).as("web1's row").contains("Running");
        // the conflict badge says why when pointed at
        assertThat(browser.js("const b = Array.from(document.querySelectorAll('vaadin-grid-cell-content span'))"
                + ".find(s => s.textContent.trim() === 'Context conflict'); return b ? b.getAttribute('title') : null;"))
                .asString().contains(ORIGINAL).contains(Integer.toString(XID));
        browser.screenshot("guest-list-conflict");

        // web2's page names web1 and offers no lifecycle action.
        browser.open(console.url("guests/" + COPY));
        browser.await(By.id("guest-title"));
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.driver().findElement(By.id("guest-state")).getText()
                .equals("Context conflict"));
        assertThat(browser.driver().findElement(By.id("guest-figures")).getText())
                .contains(COPY).contains(ORIGINAL).contains(Integer.toString(XID));
        for (String action : List.of("guest-start", "guest-stop", "guest-restart", "guest-delete", "guest-boot-mark")) {
            assertThat(browser.js("return document.getElementById(arguments[0]).hasAttribute('disabled')", action))
                    .as(action + " is disabled on a guest in conflict").isEqualTo(true);
        }
        browser.screenshot("guest-conflict-detail");

        // A delete asked for anyway (over REST) is refused naming web1: web2's tree is web1's root.
        HttpResponse<String> notDeleted = call("DELETE", "api/v1/guests/" + COPY, null);
        assertThat(notDeleted.statusCode()).as(notDeleted.body()).isBetween(400, 499);
        assertThat(notDeleted.body()).contains(ORIGINAL);
        assertThat(copy).isDirectory();
        assertThat(console.dataDir().resolve("host/var/lib/vservers/" + ORIGINAL)).isDirectory();

        // Over REST: stopping web2 is refused naming web1; web1 still runs; the refusal is audited.
        HttpResponse<String> refused = call("POST", "api/v1/guests/" + COPY + "/stop", null);
        assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 499);
        assertThat(refused.body()).contains(ORIGINAL);
        HttpResponse<String> one = call("GET", "api/v1/guests/" + ORIGINAL, null);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(json.readTree(one.body()).path("context").asInt()).isEqualTo(XID);
        JsonNode originalNow = guestRow(ORIGINAL);
        assertThat(originalNow.path("running").asBoolean()).as(originalNow.toString()).isTrue();
        assertThat(originalNow.path("state").asString()).isEqualTo("running");
        JsonNode copyNow = guestRow(COPY);
        assertThat(copyNow.path("state").asString()).as(copyNow.toString()).isEqualTo("context-conflict");
        assertThat(copyNow.path("running").asBoolean()).isFalse();
        assertThat(copyNow.path("conflict").asString()).contains(ORIGINAL);
        JsonNode denied = json.readTree(call("GET", "api/v1/audit?target=" + COPY + "&outcome=denied", null).body());
        List<String> deniedActions = new ArrayList<>();
        for (JsonNode e : denied.path("events")) {
            assertThat(e.path("targetGuest").asString()).isEqualTo(COPY);
            deniedActions.add(e.path("action").asString());
            if (e.path("action").asString().equals("guest.stop")) {
                assertThat(e.path("message").asString()).contains(ORIGINAL);
            }
        }
        assertThat(deniedActions).as(denied.toString()).contains("guest.stop", "guest.delete");

        // 3. web1's Limits tab: a disk limit for its root, saved but not enforced on this file system.
        browser.open(console.url("guests/" + ORIGINAL));
        browser.await(By.id("guest-title"));
        String root = fact("Root directory");
        assertThat(root).startsWith("/");
        browser.selectTab("Limits");
        browser.await(By.id("dlimit-directory"));
        assertThat(browser.driver().findElement(By.id("disk-enforced")).getText())
                .isEqualTo("Disk limit not enforced: no disk limit set.");
        browser.type("dlimit-directory", root);
        browser.type("dlimit-space", "1048576");
        browser.type("dlimit-inodes", "100000");
        browser.type("dlimit-reserved", "5");
        browser.click("dlimit-save");
        browser.waitUntil(Duration.ofSeconds(20), () -> !browser.driver().findElements(By.id("dlimit-root")).isEmpty());
        String state = browser.driver().findElement(By.id("disk-enforced")).getText();
        assertThat(state).startsWith("Disk limit not enforced: ").contains("prjquota").contains(root)
                .doesNotContain("no disk limit set");
        assertThat(browser.driver().findElement(By.id("dlimit-root")).getText())
                .contains(root).contains("1048576 KiB").contains("100000 inodes");
        assertThat(browser.driver().findElements(By.id("disk-quota-usage"))).as("no kernel count where nothing enforces").isEmpty();
        browser.js("document.getElementById('limits-disk').scrollIntoView({block: 'start'})");
        browser.screenshot("limits-disk-quota");

        JsonNode limits = json.readTree(call("GET", "api/v1/guests/" + ORIGINAL + "/limits", null).body());
        JsonNode quota = limits.path("diskQuota");
        assertThat(quota.isObject()).as(limits.toString()).isTrue();
        assertThat(quota.path("enforced").isBoolean()).isTrue();
        assertThat(quota.path("enforced").asBoolean()).isFalse();
        assertThat(quota.path("state").asString()).startsWith("not enforced: ").contains("prjquota");
        assertThat(quota.path("reason").asString()).contains("prjquota");
        assertThat(state).isEqualTo("Disk limit " + quota.path("state").asString() + ".");
        assertThat(quota.path("usedKiB").isNull()).isTrue();
        assertThat(limits.path("diskLimitsEnforced").asBoolean()).isFalse();
        assertThat(Files.readString(console.dataDir().resolve("host/etc/vservers/" + ORIGINAL + "/dlimits/root/space_total"))
                .strip()).isEqualTo("1048576");

        // 4. The list on a phone.
        browser.viewport(390, 844);
        browser.open(console.url("guests"));
        browser.await(By.id("guest-grid"));
        browser.waitUntil(Duration.ofSeconds(15), () -> String.join(" ", browser.gridRow("guest-grid", COPY)).contains("Context conflict"));
        browser.screenshot("guest-list-conflict-narrow");
        browser.viewport(1440, 900);

        // 5. Stop web1 from its page; the conflict stays (both claim one context), nothing runs.
        browser.open(console.url("guests/" + ORIGINAL));
        browser.await(By.id("guest-title"));
        browser.click("guest-stop");
        confirmDialog();
        browser.waitUntil(Duration.ofSeconds(60), () -> browser.driver().findElement(By.id("guest-state")).getText().equals("Stopped"));
        assertThat(guestRow(ORIGINAL).path("running").asBoolean()).isFalse();
        assertThat(guestRow(COPY).path("state").asString()).isEqualTo("context-conflict");
    }

    /** The value next to {@code label} in the facts of the guest's Overview. */
    private static String fact(String label) {
        Object value = browser.js("for (const f of document.querySelectorAll('.fact')) {"
                + " const s = f.querySelectorAll('span'); if (s.length > 1 && s[0].textContent.trim() === arguments[0]) {"
                + " return s[1].textContent.trim(); } } return null;", label);
        assertThat(value).as("fact " + label).isNotNull();
        return value.toString();
    }

    private static JsonNode guestRow(String name) throws Exception {
        HttpResponse<String> list = call("GET", "api/v1/guests", null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode row : json.readTree(list.body())) {
            if (row.path("name").asString().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no " + name + " in " + list.body());
    }

    /** Waits for the job a {@code 202} answer named (its body is the job, or holds it as {@code job}). */
    private static void awaitJob(String accepted) throws Exception {
        JsonNode answer = json.readTree(accepted);
        long id = answer.has("job") ? answer.path("job").path("id").asLong() : answer.path("id").asLong();
        assertThat(id).as(accepted).isPositive();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String state = "";
        JsonNode job = null;
        while (System.nanoTime() < deadline && !state.equals("succeeded")) {
            Thread.sleep(500);
            job = json.readTree(call("GET", "api/v1/jobs/" + id, null).body());
            state = job.path("job").path("state").asString();
            assertThat(state).as(job.toString()).isNotIn("failed", "cancelled", "interrupted");
        }
        assertThat(state).as(String.valueOf(job)).isEqualTo("succeeded");
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + ": " + output).isZero();
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.url(path)))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void confirmDialog() {
        browser.waitUntil(Duration.ofSeconds(10),
                () -> !browser.driver().findElements(By.cssSelector("vaadin-button[slot='confirm-button']")).isEmpty());
        browser.js("document.querySelector(\"vaadin-button[slot='confirm-button']\").click()");
        browser.waitForVaadin();
    }
}
