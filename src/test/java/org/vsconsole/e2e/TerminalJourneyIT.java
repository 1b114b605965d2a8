package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real terminal in a running guest, in a real browser against the production jar with the
 * linux driver (root, as CI runs): the admin opens the guest's Terminal tab, types {@code hostname},
 * {@code tty} and {@code stty size}, resizes the window and sees the new size, reloads the page and
 * finds the same session, runs {@code top}, closes it. An auditor then finds the recorded session,
 * replays it and downloads its {@code .cast}; an auditor and an owner of other guests get no
 * terminal (page refused, audited as denied). Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerminalJourneyIT {

    private static final String PASSWORD = "terminal-admin-password-1";
    private static final String GUEST = "term1";
    /** This journey's own context, bridge, pool and cgroup parent: no other test's guest can meet it. */
    private static final int XID = 4600;
    private static final String IP = "10.246.0.10";
    private static final String AUDITOR = "audrey";
    private static final String OWNER = "olive";
    private static final String USER_PASSWORD = "terminal-user-password-1";
    private static final Pattern PTS = Pattern.compile("(?m)^/dev/pts/\\d+\\s*$");

    private static RunningConsole console;
    private static Browser browser;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("terminal-journey-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() throws Exception {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.linux.cgroup-parent=vsconsole-term", "--vsconsole.linux.bridge=vsbrterm0",
                "--vsconsole.provisioning.address-pool=10.246.0.0/24");
        browser = new Browser();
        browser.viewport(1400, 900);
        HttpResponse<String> created = call("admin", PASSWORD, "POST", "api/v1/guests", "{\"name\":\"" + GUEST
                + "\",\"context\":\"" + XID + "\",\"ip\":\"" + IP + "\",\"prefix\":24,\"build\":{\"method\":\"skeleton\"},"
                + "\"start\":true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        awaitJob(created.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            call("admin", PASSWORD, "POST", "api/v1/guests/" + GUEST + "/stop", null);
        }
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close(); // also stops what a journey that failed half-way left running
        }
    }

    @Test
    @Order(1)
    void adminUsesARealTerminalInTheGuest() throws Exception {
        browser.signIn(console, "admin", PASSWORD);
        browser.open(console.url("guests/" + GUEST));
        browser.await(By.id("guest-title"));
        browser.selectTab("Terminal");
        browser.click("terminal-open");
        browser.waitUntil(Duration.ofSeconds(30), () -> status().startsWith("Connected"));
        awaitScreen(text -> text.contains("#") || text.contains("$"), "a prompt");

        typeLine("hostname");
        awaitScreen(text -> lines(text).contains(GUEST), "the guest's name");
        typeLine("tty");
        awaitScreen(text -> PTS.matcher(text).find(), "a /dev/pts path");
        int[] size = browserSize();
        typeLine("stty size");
        awaitScreen(text -> lines(text).contains(size[1] + " " + size[0]), "the browser terminal's size " + size[0] + "x" + size[1]);
        browser.screenshot("guest-terminal");

        browser.viewport(1000, 700);
        browser.waitUntil(Duration.ofSeconds(15), () -> browserSize()[0] < size[0] && browserSize()[1] < size[1]);
        int[] smaller = browserSize();
        browser.waitUntil(Duration.ofSeconds(15), () -> status().contains(smaller[0] + "×" + smaller[1]));
        typeLine("stty size");
        awaitScreen(text -> lines(text).contains(smaller[1] + " " + smaller[0]), "the new size " + smaller[0] + "x" + smaller[1]);
        browser.viewport(1400, 900);

        // A reload (what a network blip that loses the page amounts to) finds the same session.
        browser.open(console.url("guests/" + GUEST));
        browser.await(By.id("guest-title"));
        browser.selectTab("Terminal");
        browser.waitUntil(Duration.ofSeconds(20), () -> status().startsWith("Resumed")
                || !browser.driver().findElements(By.id("terminal-resume-0")).isEmpty());
        if (!status().startsWith("Resumed")) {
            browser.click("terminal-resume-0"); // the old page had not been closed yet
        }
        browser.waitUntil(Duration.ofSeconds(20), () -> status().startsWith("Resumed"));
        awaitScreen(text -> PTS.matcher(text).find(), "the screen from before the reload");

        typeLine("top -b -n 1 | head -n 12");
        awaitScreen(text -> text.contains("PID") && (text.contains("Mem") || text.contains("CPU")), "top's table");
        browser.screenshot("guest-terminal-top");
        browser.click("terminal-close");
        browser.waitUntil(Duration.ofSeconds(20), () -> status().startsWith("Session ended"));

        JsonNode opened = json.readTree(call("admin", PASSWORD, "GET",
                "api/v1/audit?action=terminal.open&target=" + GUEST + "&outcome=ok", null).body());
        assertThat(opened.path("total").asLong()).isEqualTo(1);
        JsonNode closed = json.readTree(call("admin", PASSWORD, "GET",
                "api/v1/audit?action=terminal.close&target=" + GUEST, null).body());
        assertThat(closed.path("total").asLong()).isEqualTo(1);
        assertThat(closed.path("events").get(0).path("afterJson").asString()).containsPattern("\"sha256\":\"[0-9a-f]{64}\"");
        assertThat(json.readTree(call("admin", PASSWORD, "GET", "api/v1/audit/verify", null).body()).path("ok").asBoolean())
                .isTrue();

        createUser(AUDITOR, "Auditor");
        createUser(OWNER, "Guest owner");
        browser.click("sign-out");
        browser.await(By.cssSelector("#login-form"));
    }

    @Test
    @Order(2)
    void anAuditorFindsReplaysAndDownloadsTheSessionButGetsNoTerminal() throws Exception {
        firstSignIn(AUDITOR);

        // No terminal for an auditor: no tab, and the terminal page refuses.
        browser.open(console.url("guests/" + GUEST));
        browser.await(By.id("guest-title"));
        assertThat(browser.texts("vaadin-tab")).contains("Overview").doesNotContain("Terminal");
        browser.open(console.url("guests/" + GUEST + "/terminal"));
        assertThat(browser.driver().findElements(By.id("terminal-open"))).isEmpty();
        assertThat(browser.await(By.id("terminal-refused")).getText()).contains("No terminal for you");

        browser.open(console.url("terminal-sessions"));
        browser.await(By.id("sessions-grid"));
        browser.waitUntil(Duration.ofSeconds(15), () -> browser.gridRow("sessions-grid", GUEST).contains("admin"));
        browser.type("sessions-search", "dev/pts");
        browser.click("sessions-search-button");
        browser.waitUntil(Duration.ofSeconds(15), () -> browser.driver().findElement(By.id("sessions-count")).getText()
                .equals("1 session"));
        browser.screenshot("terminal-sessions");

        JsonNode list = json.readTree(call(AUDITOR, USER_PASSWORD, "GET", "api/v1/terminal-sessions", null).body());
        assertThat(list.size()).isEqualTo(1);
        String id = list.get(0).path("id").asString();
        assertThat(list.get(0).path("guest").asString()).isEqualTo(GUEST);
        assertThat(list.get(0).path("actor").asString()).isEqualTo("admin");
        assertThat(list.get(0).path("sha256").asString()).hasSize(64);

        browser.click("replay-" + id);
        browser.await(By.id("cast-player"));
        browser.waitUntil(Duration.ofSeconds(15), () -> ((Number) browser.js(
                "return document.getElementById('cast-player').duration")).doubleValue() > 0);
        browser.js("const p = document.getElementById('cast-player'); p.querySelector('#cast-speed').value = '8';"
                + " p.querySelector('#cast-play').click();");
        browser.waitUntil(Duration.ofSeconds(60), () -> playerText().contains(GUEST));
        browser.js("const p = document.getElementById('cast-player'); p.pause(); p.seekTo(0);"
                + " p.querySelector('#cast-search').value = 'pts'; p.querySelector('#cast-find').click();");
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.js("return document.querySelector('#cast-found').textContent")
                .toString().startsWith("found at"));
        assertThat(PTS.matcher(playerText()).find()).isTrue();
        browser.js("const p = document.getElementById('cast-player'); p.seekTo(p.duration);");
        browser.screenshot("terminal-replay");

        HttpResponse<String> cast = call(AUDITOR, USER_PASSWORD, "GET", "api/v1/terminal-sessions/" + id + "/cast", null);
        assertThat(cast.statusCode()).isEqualTo(200);
        List<String> castLines = cast.body().lines().toList();
        assertThat(json.readTree(castLines.getFirst()).path("version").asInt()).isEqualTo(2);
        String output = castLines.stream().skip(1).map(l -> json.readTree(l)).filter(e -> e.get(1).asString().equals("o"))
                .map(e -> e.get(2).asString()).reduce("", String::concat);
        assertThat(output).contains(GUEST).contains("/dev/pts/");
        browser.click("sign-out");
        browser.await(By.cssSelector("#login-form"));
    }

    @Test
    @Order(3)
    void anOwnerOfOtherGuestsGetsNoTerminalAndTheRefusalsAreAudited() throws Exception {
        firstSignIn(OWNER);
        browser.open(console.url("guests/" + GUEST + "/terminal"));
        assertThat(browser.driver().findElements(By.id("terminal-open"))).isEmpty();
        assertThat(browser.await(By.id("terminal-refused")).getText()).contains("No terminal for you");
        browser.screenshot("terminal-refused-owner");
        assertThat(call(OWNER, USER_PASSWORD, "GET", "api/v1/terminal-sessions", null).statusCode()).isEqualTo(403);

        JsonNode denied = json.readTree(call("admin", PASSWORD, "GET",
                "api/v1/audit?action=terminal.view&outcome=denied", null).body());
        List<String> actors = denied.path("events").valueStream().map(e -> e.path("actor").asString()).toList();
        assertThat(actors).contains(AUDITOR, OWNER);
        browser.click("sign-out");
    }

    // --- helpers --------------------------------------------------------------------------

    private static String status() {
        return browser.driver().findElement(By.id("terminal-status")).getText();
    }

    private static String screenText() {
        return String.valueOf(browser.js("const t = document.getElementById('terminal-screen'); return t && t.text ? t.text() : ''"));
    }

    private static String playerText() {
        return String.valueOf(browser.js("return document.getElementById('cast-player').text()"));
    }

    /** The browser terminal's columns and rows, as xterm.js fitted them to the page. */
    private static int[] browserSize() {
        String size = String.valueOf(browser.js("return document.getElementById('terminal-screen').size()"));
        String[] parts = size.split("x");
        return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).toList();
    }

    private static void typeLine(String line) {
        WebElement input = browser.driver().findElement(By.cssSelector("#terminal-screen textarea"));
        input.sendKeys(line, Keys.ENTER);
    }

    private static void awaitScreen(java.util.function.Predicate<String> condition, String what) {
        try {
            browser.waitUntil(Duration.ofSeconds(30), () -> condition.test(screenText()));
        } catch (RuntimeException e) {
            throw new AssertionError("the terminal never showed " + what + "; it shows:\n" + screenText(), e);
        }
    }

    /** Creates a user in the Users view; the initial password is changed at the first sign-in. */
    private static void createUser(String name, String roleLabelStart) {
        ConsoleUsers.create(browser, console, name, "Initial-" + USER_PASSWORD, roleLabelStart, "");
    }

    private static void firstSignIn(String name) {
        ConsoleUsers.firstSignIn(browser, console, name, "Initial-" + USER_PASSWORD, USER_PASSWORD);
    }

    private static void awaitJob(String accepted) throws Exception {
        JsonNode answer = json.readTree(accepted);
        long id = answer.has("job") ? answer.path("job").path("id").asLong() : answer.path("id").asLong();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String state = "";
        JsonNode job = null;
        while (System.nanoTime() < deadline && !state.equals("succeeded")) {
            Thread.sleep(500);
            job = json.readTree(call("admin", PASSWORD, "GET", "api/v1/jobs/" + id, null).body());
            state = job.path("job").path("state").asString();
            assertThat(state).as(job.toString()).isNotIn("failed", "cancelled", "interrupted");
        }
        assertThat(state).as(String.valueOf(job)).isEqualTo("succeeded");
    }

    private static HttpResponse<String> call(String user, String password, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.url(path)))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
