package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Issue 13 in a real browser against the production jar, with one running guest: the guest list
 * keeps a selection as one guest across pushes; the guest page follows a stop made elsewhere,
 * keeps its tab across a reload, and shows history charts with axes; a missing guest is a page
 * inside the layout; at 390×844 the guest-list actions and the dashboard's names are on screen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveScreensJourneyIT {

    private static final String PASSWORD = "ui-journey-admin-pw";
    private static final String GUEST = "uiweb1";
    private static RunningConsole console;
    private static Browser browser;
    private static final AdminApi API = new AdminApi(() -> LiveScreensJourneyIT.console, PASSWORD);

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("ui-journey-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() throws Exception {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.linux.cgroup-parent=vsc-ui", "--vsconsole.linux.bridge=vsbrui0",
                "--vsconsole.provisioning.address-pool=10.236.0.0/24");
        browser = new Browser();
        API.awaitJob(API.submit("api/v1/guests",
                "{\"name\":\"" + GUEST + "\",\"context\":\"41236\",\"build\":{\"method\":\"skeleton\"},\"start\":true}"),
                Duration.ofMinutes(2), "succeeded");
        browser.viewport(1440, 900);
        browser.signIn(console, "admin", PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    @Order(1)
    void aSelectedGuestStaysOneGuestWhilePushesArrive() throws Exception {
        browser.open(console.url("guests"));
        browser.await(By.id("guest-grid"));
        browser.waitUntil(Duration.ofSeconds(20), () -> browser.gridRow("guest-grid", GUEST).contains("Running"));
        browser.js(
                """
                        const grid = document.getElementById('guest-grid');
                        const row = Array.from(grid.shadowRoot.querySelectorAll('#items tr')).find(tr => tr.textContent.includes(arguments[0])
                            || Array.from(tr.querySelectorAll('slot')).some(s => s.assignedElements().some(e => e.textContent.includes(arguments[0]))));
                        row.querySelector('slot').assignedElements()[0].querySelector('vaadin-checkbox').click();
                        """,
                GUEST);
        browser.waitForVaadin();
        Thread.sleep(4000); // four sampler ticks, each a push with new figures
        browser.click("bulk-stop");
        String openDialog = "return Array.from(document.querySelectorAll('vaadin-confirm-dialog')).find(d => d.opened)";
        String openDialogHeader = "return Array.from(document.querySelectorAll('vaadin-confirm-dialog')).find(d => d.opened)?.header";
        String closeDialog = "Array.from(document.querySelectorAll('vaadin-confirm-dialog')).find(d => d.opened).opened = false";
        browser.waitUntil(Duration.ofSeconds(5), () -> browser.js(openDialog) != null);
        assertThat(browser.js(openDialogHeader)).isEqualTo("Stop 1 guest?");
        browser.screenshot("ui-guest-list-stop-one");
        browser.js(closeDialog);
        browser.waitForVaadin();
    }

    @Test
    @Order(2)
    void theGuestPageFollowsAStopMadeElsewhereAndKeepsItsTab() throws Exception {
        browser.open(console.url("guests/" + GUEST + "?tab=audit"));
        browser.await(By.id("guest-audit"));
        assertThat(selectedTab()).isEqualTo("Audit");

        browser.selectTab("Limits");
        browser.waitUntil(Duration.ofSeconds(5), () -> browser.driver().getCurrentUrl().endsWith("?tab=limits"));
        browser.driver().navigate().refresh();
        browser.await(By.id("guest-limits"));
        browser.waitForVaadin();
        assertThat(selectedTab()).as("the tab survives a reload").isEqualTo("Limits");
        assertThat(text("guest-limits")).contains("Live values are what the kernel enforces now");

        HttpResponse<String> stopped = call("POST", "api/v1/guests/" + GUEST + "/stop", null);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        browser.waitUntil(Duration.ofSeconds(10), () -> text("guest-state").equals("Stopped"));
        browser.waitUntil(Duration.ofSeconds(10), () -> text("guest-limits").contains("is not running"));
        browser.screenshot("ui-guest-limits-after-stop");

        browser.selectTab("Audit");
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.gridRows("guest-audit").stream()
                .anyMatch(r -> r.contains("guest.stop")));
        browser.screenshot("ui-guest-audit-live");

        call("POST", "api/v1/guests/" + GUEST + "/start", null);
        browser.waitUntil(Duration.ofSeconds(15), () -> text("guest-state").equals("Running"));
        browser.selectTab("Overview");
        browser.screenshot("ui-guest-overview");
    }

    @Test
    @Order(3)
    void aMissingGuestIsAPageInsideTheLayout() {
        browser.open(console.url("guests/no-such-guest"));
        browser.await(By.id("not-found-title"));
        assertThat(text("not-found-reason")).isEqualTo("No guest named no-such-guest");
        assertThat(browser.driver().findElements(By.id("side-nav"))).isNotEmpty();
        assertThat(browser.driver().findElements(By.id("sign-out"))).isNotEmpty();
        browser.screenshot("ui-not-found");
    }

    @Test
    @Order(4)
    void atPhoneWidthTheActionsAndNamesAreOnScreen() {
        browser.viewport(390, 844);
        browser.open(console.url("guests"));
        browser.await(By.id("guest-grid"));
        browser.waitUntil(Duration.ofSeconds(10), () -> !browser.gridRow("guest-grid", GUEST).isEmpty());
        for (String action : new String[]{"bulk-start", "bulk-stop", "bulk-restart"}) {
            assertThat(rightEdge(action)).as(action + " within 390 px").isLessThanOrEqualTo(390);
        }
        browser.screenshot("ui-guest-list-390");

        browser.open(console.url("dashboard"));
        browser.await(By.id("dashboard-grid"));
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.gridRows("dashboard-grid").stream()
                .anyMatch(r -> r.contains(GUEST)));
        Number nameRight = (Number) browser.js("""
                const name = Array.from(document.querySelectorAll('#dashboard-grid .guest-name'))
                    .find(e => e.textContent.trim() === arguments[0]);
                return name ? name.getBoundingClientRect().right : 9999;
                """, GUEST);
        assertThat(nameRight.doubleValue()).as("the guest's name is on screen").isLessThanOrEqualTo(390);
        browser.screenshot("ui-dashboard-390");
        browser.viewport(1440, 900);
    }

    @Test
    @Order(5)
    void historyChartsHaveAxesAndTheDataMaximum() {
        browser.open(console.url("guests/" + GUEST + "?tab=history"));
        browser.await(By.id("guest-history"));
        // the first minute of history is written when that minute ends
        browser.waitUntil(Duration.ofSeconds(150), () -> {
            browser.driver().navigate().refresh();
            browser.await(By.id("guest-history"));
            return !browser.texts("#guest-history .history-caption").isEmpty();
        });
        assertThat(browser.texts("#guest-history .history-caption").getFirst()).contains("highest").doesNotContain("100.0 %");
        assertThat(browser.texts("#guest-history svg .axis-time")).hasSizeGreaterThanOrEqualTo(5);
        browser.screenshot("ui-guest-history");
    }

    @Test
    @Order(6)
    void deletingALimitPresetAsksFirst() {
        browser.open(console.url("limits/presets"));
        browser.click("preset-new");
        browser.type("preset-name", "small-web");
        browser.await(By.cssSelector("#preset-values textarea")).sendKeys("nproc 100 150");
        browser.click("preset-save");
        browser.waitUntil(Duration.ofSeconds(10), () -> !browser.gridRow("presets-grid", "small-web").isEmpty());
        browser.click("preset-delete-small-web");
        String openDialogHeader = "return Array.from(document.querySelectorAll('vaadin-confirm-dialog')).find(d => d.opened)?.header";
        browser.waitUntil(Duration.ofSeconds(5), () -> "Delete preset small-web?".equals(browser.js(openDialogHeader)));
        browser.screenshot("ui-preset-delete-confirm");
        assertThat(browser.gridRow("presets-grid", "small-web")).as("nothing deleted before the answer").isNotEmpty();
    }

    private static String selectedTab() {
        return (String) browser.js("const t = document.querySelector('#guest-tabs vaadin-tab[selected]');"
                + " return t ? t.textContent.trim() : '';");
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText().trim();
    }

    private static double rightEdge(String id) {
        return ((Number) browser.js("return document.getElementById(arguments[0]).getBoundingClientRect().right", id))
                .doubleValue();
    }

    private static HttpResponse<String> call(String method, String path, String json) throws Exception {
        return API.call(method, path, json);
    }

    private static String field(String body, String regex) {
        return AdminApi.field(body, regex);
    }
}
