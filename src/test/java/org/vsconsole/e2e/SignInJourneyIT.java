package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * First start as an operator meets it, in a real browser against the production jar: read the
 * generated password, sign in, be made to change it, sign out, sign in again with the new one,
 * and find all of it in the audit log.
 */
class SignInJourneyIT {

    private static RunningConsole console;
    private static Browser browser;

    @RegisterExtension
    static final TestWatcher DUMP_ON_FAILURE = new TestWatcher() {

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("failure-" + context.getDisplayName().replaceAll("\\W+", "_"));
            }
            if (console != null) {
                console.dumpLog();
            }
        }
    };

    @BeforeAll
    static void start() {
        console = RunningConsole.start();
        browser = new Browser();
        // Every page records what its Content-Security-Policy blocked, so the journey can fail on it.
        browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
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
    void firstSignInChangePasswordSignOutSignInAndSeeItAudited() throws Exception {
        var passwordFile = console.dataDir().resolve("initial-admin-password");
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String initial = console.initialAdminPassword();
        assertThat(initial).hasSizeGreaterThanOrEqualTo(12);
        String chosen = "my-own-admin-password-" + System.nanoTime() % 10000;

        // Any page sends an anonymous visitor to the sign-in page.
        browser.open(console.url("users"));
        browser.await(By.id("login-form"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        browser.screenshot("01-login");
        assertNoCspViolations();

        signIn("admin", "not-the-password");
        browser.await(By.id("login-form"));
        assertThat(browser.driver().getCurrentUrl()).contains("error");
        assertThat(browser.driver().findElement(By.id("login-form")).getAttribute("error")).isNotNull();

        signIn("admin", initial);
        browser.await(By.id("current-password"));
        assertThat(browser.driver().getTitle()).startsWith("Change password");
        // Even asking for another page keeps the admin on the change-password page.
        browser.open(console.url("users"));
        browser.await(By.id("current-password"));
        assertThat(browser.driver().findElements(By.id("users-grid"))).isEmpty();
        browser.screenshot("02-change-password");
        assertNoCspViolations();

        browser.type("current-password", initial);
        browser.type("new-password", chosen);
        browser.type("repeat-password", chosen);
        browser.click("change-password");
        waitUntil(() -> browser.driver().findElements(By.id("current-password")).isEmpty());

        browser.click("sign-out");
        browser.await(By.id("login-form"));

        signIn("admin", chosen);
        browser.await(By.id("sign-out"));
        assertThat(browser.driver().findElement(By.id("current-user")).getText()).contains("admin");

        browser.open(console.url("audit"));
        browser.await(By.id("audit-grid"));
        waitUntil(() -> browser.texts("vaadin-grid-cell-content").contains("user.change-password"));
        List<String> cells = browser.texts("vaadin-grid-cell-content");
        assertThat(cells).contains("user.change-password", "auth.sign-in", "auth.sign-out", "user.create");
        browser.click("audit-verify");
        assertThat(browser.await(By.id("audit-verify-result")).getText()).startsWith("Chain intact");
        browser.screenshot("03-audit");
        assertNoCspViolations();

        browser.open(console.url("users"));
        browser.await(By.id("users-grid"));
        waitUntil(() -> browser.texts("vaadin-grid-cell-content").contains("admin"));
        assertThat(browser.texts("vaadin-grid-cell-content")).contains("admin", "Active", "ADMIN");
        browser.screenshot("04-users");
        assertNoCspViolations();
    }

    /** The console's CSP must not block anything Vaadin's client does on the page shown now. */
    private static void assertNoCspViolations() {
        Object violations = browser.js("return window.__cspViolations || ['no CSP listener on this page'];");
        assertThat((List<?>) violations).as("CSP violations on " + browser.driver().getCurrentUrl()).isEmpty();
    }

    private static void signIn(String user, String password) {
        browser.open(console.url("login"));
        WebElement name = browser.await(By.cssSelector("#login-form input[name='username']"));
        WebElement secret = browser.await(By.cssSelector("#login-form input[name='password']"));
        name.clear();
        name.sendKeys(user);
        secret.clear();
        secret.sendKeys(password, Keys.ENTER);
        // The form posts natively and the browser loads the next page.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> {
            try {
                return !d.getCurrentUrl().endsWith("/login") || d.getCurrentUrl().contains("error");
            } catch (RuntimeException e) {
                return false;
            }
        });
        browser.waitForVaadin();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> {
            browser.waitForVaadin();
            return condition.getAsBoolean();
        });
    }
}
