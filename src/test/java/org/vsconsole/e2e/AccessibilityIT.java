package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Issue 21 against the production jar with one real guest: axe-core finds no critical or serious
 * violation on any view or dialog (moderate ones go to {@code target/a11y/axe-report.md}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessibilityIT {

    private static final String PASSWORD = "a11y-journey-admin-pw";
    private static final String GUEST = "a11yweb1";
    private static final AxeReport REPORT = new AxeReport();
    private static RunningConsole console;
    private static Browser browser;
    private static Axe axe;
    private static final AdminApi API = new AdminApi(() -> AccessibilityIT.console, PASSWORD);

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("a11y-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() throws Exception {
        axe = new Axe();
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.linux.cgroup-parent=vsc-a11y", "--vsconsole.linux.bridge=vsbra11y0",
                "--vsconsole.provisioning.address-pool=10.237.0.0/24");
        browser = new Browser();
        API.awaitJob(API.submit("api/v1/guests",
                "{\"name\":\"" + GUEST + "\",\"context\":\"41237\",\"build\":{\"method\":\"skeleton\"},\"start\":false}"),
                Duration.ofMinutes(2), "succeeded");
        browser.viewport(1440, 900);
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
    void theSignInPageHasNoCriticalOrSeriousViolation() {
        browser.open(console.url("login"));
        browser.await(By.id("login-form"));
        scan("login");
        assertThat(REPORT.blocking()).isEmpty();
    }

    @Test
    @Order(3)
    void everyViewAndDialogHasNoCriticalOrSeriousViolation() {
        browser.signIn(console, "admin", PASSWORD);
        scanPage("guests", "guest-grid", "guest list");
        selectFirstGuest();
        browser.click("bulk-stop");
        awaitDialog();
        scan("guest list: stop dialog");
        closeDialog();

        for (String tab : new String[] {"overview", "configuration", "network", "processes", "limits", "console",
                "terminal", "history", "audit"}) {
            scanPage("guests/" + GUEST + "?tab=" + tab, "guest-tabs", "guest detail: " + tab);
        }
        scanPage("guests/" + GUEST, "guest-tabs", "guest detail");
        browser.click("guest-delete");
        awaitDialog();
        scan("guest detail: delete dialog");
        closeDialog();

        scanPage("dashboard", "dashboard-grid", "dashboard");
        scanPage("audit", "audit-grid", "audit");
        scanPage("users", "users-grid", "users");
        browser.click("new-user");
        awaitDialog();
        scan("users: new user dialog");
        closeDialog();
        scanPage("alerts", "side-nav", "alerts");
        scanPage("updates", "side-nav", "updates");
        scanPage("limits/presets", "presets-grid", "limit presets");
        scanPage("settings", "side-nav", "host settings");
        scanPage("terminal-sessions", "side-nav", "terminal sessions");
        scanPage("change-password", "side-nav", "change password");
        scanPage("guests/no-such-guest", "not-found-title", "not found");

        scanPage("guests/new", "wizard-steps", "wizard: identity");
        browser.type("wizard-name", "a11ywiz");
        for (String step : new String[] {"network", "context", "build", "limits", "summary"}) {
            browser.click("wizard-next");
            scan("wizard: " + step);
        }
        assertThat(REPORT.blocking()).isEmpty();
    }

    private static void selectFirstGuest() {
        browser.waitUntil(Duration.ofSeconds(20), () -> !browser.gridRow("guest-grid", GUEST).isEmpty());
        browser.js("""
                const grid = document.getElementById('guest-grid');
                const row = Array.from(grid.shadowRoot.querySelectorAll('#items tr'))
                    .find(tr => Array.from(tr.querySelectorAll('slot')).some(s => s.assignedElements().some(e => e.textContent.includes(arguments[0]))));
                row.querySelector('slot').assignedElements()[0].querySelector('vaadin-checkbox').click();
                """, GUEST);
        browser.waitForVaadin();
    }

    private static void scanPage(String path, String readyId, String screen) {
        browser.open(console.url(path));
        browser.await(By.id(readyId));
        scan(screen);
    }

    private static void scan(String screen) {
        REPORT.add(screen, axe.scan(browser));
    }

    /** Waits until a dialog is open and done animating: axe measures colours half faded in otherwise. */
    private static void awaitDialog() {
        browser.waitUntil(Duration.ofSeconds(5), () -> Boolean.TRUE.equals(browser.js("""
                const open = Array.from(document.querySelectorAll('vaadin-dialog, vaadin-confirm-dialog')).some(d => d.opened);
                return open && !document.querySelector('[opening]');
                """)));
        browser.waitUntil(Duration.ofSeconds(5), () -> Boolean.TRUE.equals(browser.js(
                "return document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)")));
    }

    private static void closeDialog() {
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waitUntil(Duration.ofSeconds(5), () -> Boolean.FALSE.equals(browser.js(
                "return Array.from(document.querySelectorAll('vaadin-dialog, vaadin-confirm-dialog')).some(d => d.opened)")));
    }
}
