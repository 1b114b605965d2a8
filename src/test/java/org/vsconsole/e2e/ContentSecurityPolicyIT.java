package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The console's Content-Security-Policy against Vaadin's client in a real browser, on every page
 * and every tab of a guest (a hand-made guest, read-only driver: no guest runs): the browser
 * reports each thing the policy blocks, and the test fails on any.
 */
class ContentSecurityPolicyIT {

    private static final String PASSWORD = "csp-admin-password-7";
    private static RunningConsole console;
    private static Browser browser;

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("csp-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD, "--vsconsole.host.driver=read-only");
        browser = new Browser();
        browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__cspViolations = []; document.addEventListener('securitypolicyviolation',"
                        + " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
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
    void noPageNorGuestTabTripsThePolicy() throws Exception {
        Path guest = console.dataDir().resolve("host/etc/vservers/csp1");
        Files.createDirectories(guest.resolve("interfaces/0"));
        Files.writeString(guest.resolve("context"), "4850\n");
        Files.writeString(guest.resolve("interfaces/0/ip"), "10.235.0.50\n");
        Files.writeString(guest.resolve("interfaces/0/prefix"), "24\n");
        Files.writeString(guest.resolve("interfaces/0/dev"), "eth0\n");

        browser.signIn(console, "admin", PASSWORD);
        for (String page : List.of("guests", "guests/new", "dashboard", "alerts", "audit", "users", "limits/presets",
                "settings", "change-password", "api-reference", "jobs", "processes")) {
            browser.open(console.url(page));
            browser.waitForVaadin();
            Thread.sleep(300);
            assertNoViolations(page);
        }
        browser.screenshot("api-page");
        browser.open(console.url("guests/csp1"));
        browser.await(By.id("guest-tabs"));
        for (String tab : List.of("Overview", "Configuration", "Network", "Processes", "Limits", "Console", "History", "Audit")) {
            browser.selectTab(tab);
            Thread.sleep(300);
            assertNoViolations("guests/csp1 " + tab);
        }
        browser.screenshot("csp-guest-detail");

        // The watch itself works: an image from elsewhere is blocked and reported.
        browser.js("const probe = document.createElement('img'); probe.src = 'http://203.0.113.7/probe.png';"
                + " document.body.appendChild(probe);");
        Thread.sleep(1500);
        assertThat((List<?>) browser.js("return window.__cspViolations;")).as("the policy blocks loads from elsewhere")
                .anySatisfy(v -> assertThat(String.valueOf(v)).startsWith("img-src").contains("203.0.113.7"));
    }

    private static void assertNoViolations(String where) {
        Object violations = browser.js("return window.__cspViolations || ['no CSP listener on this page'];");
        assertThat((List<?>) violations).as("CSP violations on " + where).isEmpty();
    }
}
