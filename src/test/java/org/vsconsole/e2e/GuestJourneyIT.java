package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A new admin's first guest, in a real browser against the production jar with the linux driver
 * (root, as CI runs): create a skeleton guest with the wizard, see it running with processes on
 * the list, run {@code hostname} in its console, stop it, give it another address and host name
 * and find both inside once started again, delete it, and find every step audited.
 */
class GuestJourneyIT {

    private static final String PASSWORD = "journey-admin-password-1";
    private static final String GUEST = "journey1";
    private static RunningConsole console;
    private static Browser browser;

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("guest-journey-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.linux.cgroup-parent=vsc-journey", "--vsconsole.linux.bridge=vsjour0",
                "--vsconsole.provisioning.address-pool=10.231.7.0/24");
        browser = new Browser();
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
    void createStartUseStopDeleteAndAudit() {
        browser.signIn(console, "admin", PASSWORD);

        browser.open(console.url("guests"));
        browser.await(By.id("guest-grid"));
        browser.click("new-guest");
        browser.await(By.id("wizard-name"));
        browser.type("wizard-name", GUEST);
        browser.screenshot("guest-wizard-identity");
        clickNextUntil("wizard-create");
        browser.await(By.id("wizard-start-after"));
        browser.js("const box = document.getElementById('wizard-start-after'); if (!box.checked) { box.click(); }");
        browser.waitForVaadin();
        assertThat(browser.js("return document.getElementById('wizard-start-after').checked")).isEqualTo(true);
        browser.screenshot("guest-wizard-summary");
        browser.click("wizard-create");
        browser.waitUntil(Duration.ofSeconds(120), () -> !browser.driver().findElements(By.id("wizard-open-guest")).isEmpty()
                && browser.driver().findElement(By.id("wizard-open-guest")).isDisplayed());
        assertThat(browser.driver().findElement(By.id("job-state")).getText()).isEqualTo("Finished");
        assertThat(browser.driver().findElement(By.id("job-log")).getText()).contains("is ready and running");
        browser.screenshot("guest-wizard-done");

        // The list shows it running, with processes, pushed without a reload.
        browser.open(console.url("guests"));
        browser.await(By.id("guest-grid"));
        // The console has this one guest, so its row is the only one.
        browser.waitUntil(Duration.ofSeconds(30), () -> browser.texts("vaadin-grid-cell-content").contains("Running"));
        List<String> cells = browser.texts("vaadin-grid-cell-content");
        assertThat(cells).contains(GUEST, "Running");
        browser.screenshot("guest-list");

        // The console tab runs hostname inside the guest.
        browser.open(console.url("guests/" + GUEST));
        browser.await(By.id("guest-title"));
        browser.waitUntil(Duration.ofSeconds(15),
                () -> browser.driver().findElement(By.id("guest-figures")).getText().matches("[1-9]\\d* processes.*"));
        browser.screenshot("guest-detail");
        browser.selectTab("Console");
        browser.type("console-command", "hostname");
        browser.click("console-run");
        browser.waitUntil(Duration.ofSeconds(30),
                () -> browser.driver().findElement(By.id("console-status")).getText().startsWith("Exit code"));
        assertThat(browser.driver().findElement(By.id("console-output")).getText()).contains(GUEST);
        assertThat(browser.driver().findElement(By.id("console-status")).getText()).isEqualTo("Exit code 0");
        browser.screenshot("guest-console");

        // Stop, with its confirmation.
        browser.selectTab("Overview");
        browser.click("guest-stop");
        confirmDialog();
        browser.waitUntil(Duration.ofSeconds(60), () -> browser.driver().findElement(By.id("guest-state")).getText().equals("Stopped"));

        // Stopped, it gets another address and host name in the editors, and has them when started again.
        browser.selectTab("Network");
        browser.click("edit-address-0");
        browser.type("edit-ip", "10.231.7.77");
        browser.screenshot("guest-edit-address");
        browser.click("edit-save");
        browser.waitUntil(Duration.ofSeconds(15), () -> browser.texts("vaadin-grid-cell-content").contains("10.231.7.77"));
        browser.selectTab("Configuration");
        browser.click("edit-hostname-open");
        browser.type("edit-hostname", "journey-renamed");
        browser.click("edit-save");
        browser.waitUntil(Duration.ofSeconds(15), () -> browser.driver().findElement(By.id("guest-tabs")).getText()
                .contains("journey-renamed"));
        browser.selectTab("Overview");
        browser.click("guest-start");
        browser.waitUntil(Duration.ofSeconds(60), () -> browser.driver().findElement(By.id("guest-state")).getText().equals("Running"));
        assertThat(runInConsole("ip -4 addr")).contains("10.231.7.77/24");
        assertThat(runInConsole("hostname")).contains("journey-renamed");
        browser.selectTab("Overview");
        browser.click("guest-stop");
        confirmDialog();
        browser.waitUntil(Duration.ofSeconds(60), () -> browser.driver().findElement(By.id("guest-state")).getText().equals("Stopped"));

        // Delete, with the typed name.
        browser.click("guest-delete");
        browser.type("delete-confirm-name", GUEST);
        browser.click("delete-confirm");
        browser.waitUntil(Duration.ofSeconds(60), () -> browser.driver().getCurrentUrl().endsWith("/guests"));
        browser.waitUntil(Duration.ofSeconds(15), () -> !browser.texts("vaadin-grid-cell-content").contains(GUEST));

        // Every step is in the audit log.
        browser.open(console.url("audit"));
        browser.await(By.id("audit-grid"));
        browser.waitUntil(Duration.ofSeconds(15), () -> auditRows() > 0);
        long everything = auditRows();
        browser.type("audit-filter-target", GUEST);
        // Once the filter applies, rows about other targets (the sign-in) leave the grid's items.
        browser.waitUntil(Duration.ofSeconds(15), () -> auditRows() < everything
                && browser.texts("vaadin-grid-cell-content").contains("guest.delete"));
        assertThat(browser.texts("vaadin-grid-cell-content"))
                .contains("guest.create", "guest.exec", "guest.stop", "guest.delete");
        browser.screenshot("guest-audit");
    }

    /** Runs {@code command} in the Console tab and answers its output once it ended. */
    private static String runInConsole(String command) {
        browser.selectTab("Console");
        browser.type("console-command", command);
        browser.click("console-run");
        browser.waitUntil(Duration.ofSeconds(30), () -> browser.driver().findElement(By.id("console-status")).getText()
                .startsWith("Exit code")
                && browser.driver().findElement(By.id("console-output")).getText()
                        .startsWith("# " + command));
        return browser.driver().findElement(By.id("console-output")).getText();
    }

    private static void clickNextUntil(String id) {
        for (int i = 0; i < 10 && browser.driver().findElements(By.id(id)).stream().noneMatch(WebElement::isDisplayed); i++) {
            browser.click("wizard-next");
            browser.waitForVaadin();
        }
        assertThat(browser.driver().findElements(By.id(id))).as("wizard reached " + id).isNotEmpty();
    }

    /** How many items the audit grid holds now (its lazy size, not the rendered rows). */
    private static long auditRows() {
        return ((Number) browser.js("return document.getElementById('audit-grid').size || 0")).longValue();
    }

    private static void confirmDialog() {
        browser.waitUntil(Duration.ofSeconds(10),
                () -> !browser.driver().findElements(By.cssSelector("vaadin-button[slot='confirm-button']")).isEmpty());
        browser.js("document.querySelector(\"vaadin-button[slot='confirm-button']\").click()");
        browser.waitForVaadin();
    }

}
