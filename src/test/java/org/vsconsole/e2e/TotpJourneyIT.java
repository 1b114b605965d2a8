package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
import org.vsconsole.security.Totp;

/**
 * The second factor in a real browser against the production jar started with
 * {@code vsconsole.security.require-totp=true}: the admin, once the initial password is changed,
 * is kept on the enrolment until a code (computed here as an app would) confirms it; signing in
 * again asks for a code after the password, refuses a wrong one, takes the right one; HTTP Basic
 * is refused for the account; all of it is in the audit log.
 */
class TotpJourneyIT {

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
        console = RunningConsole.start("--vsconsole.security.require-totp=true");
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
    void requiredEnrolmentThenSignInWithACode() throws Exception {
        String chosen = "totp-admin-password-" + System.nanoTime() % 10000;
        signIn("admin", console.initialAdminPassword());
        browser.await(By.id("current-password"));
        browser.type("current-password", console.initialAdminPassword());
        browser.type("new-password", chosen);
        browser.type("repeat-password", chosen);
        browser.click("change-password");

        // require-totp: the admin is kept on the enrolment, whatever page is asked for
        browser.open(console.url("users"));
        browser.await(By.id("totp-start"));
        assertThat(browser.driver().findElements(By.id("users-grid"))).isEmpty();
        assertThat(browser.await(By.id("totp-state")).getText()).contains("must use a second factor");
        browser.click("totp-start");
        String secret = browser.await(By.cssSelector("#totp-secret input")).getDomProperty("value");
        String uri = browser.await(By.cssSelector("#totp-uri input")).getDomProperty("value");
        assertThat(uri).isEqualTo("otpauth://totp/VServer%20Console:admin?secret=" + secret + "&issuer=VServer%20Console");
        byte[] key = Totp.fromBase32(secret);
        browser.screenshot("totp-01-enrol");
        assertNoBlockingA11yViolations("enrolment");
        browser.type("totp-enrol-code", "000000".equals(code(key, 0)) ? "111111" : "000000");
        browser.click("totp-confirm");
        browser.waitUntil(Duration.ofSeconds(10), () -> "true".equals(String.valueOf(
                browser.js("return document.getElementById('totp-enrol-code').invalid"))));
        browser.type("totp-enrol-code", code(key, 0));
        browser.click("totp-confirm");
        browser.waitUntil(Duration.ofSeconds(30), () -> browser.driver().findElements(By.id("totp-enrol-code")).isEmpty());

        browser.open(console.url("users"));
        browser.await(By.id("users-grid"));
        browser.waitUntil(Duration.ofSeconds(30), () -> browser.texts("vaadin-grid-cell-content").contains("TOTP"));
        browser.screenshot("totp-users");

        // HTTP Basic cannot carry the code: refused, with the way scripts should go
        HttpResponse<String> basic = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console.url(
                "api/v1/me"))).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + chosen)
                                .getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("second-factor-required", "API token");

        browser.click("sign-out");
        browser.await(By.id("login-form"));

        // the password alone opens only the code page
        signIn("admin", chosen);
        browser.await(By.id("totp-code"));
        browser.open(console.url("users"));
        browser.await(By.id("totp-code"));
        assertThat(browser.driver().findElements(By.id("users-grid"))).isEmpty();
        browser.screenshot("totp-02-code");
        assertNoBlockingA11yViolations("code page");
        browser.type("totp-code", wrong(key));
        browser.click("totp-verify");
        browser.waitUntil(Duration.ofSeconds(10), () -> "true".equals(String.valueOf(
                browser.js("return document.getElementById('totp-code').invalid"))));
        // the step used at enrolment is spent: the next one, which the window accepts too
        browser.type("totp-code", code(key, 1));
        browser.click("totp-verify");
        browser.await(By.id("sign-out"));
        assertThat(browser.driver().findElement(By.id("current-user")).getText()).contains("admin");

        browser.open(console.url("audit"));
        browser.await(By.id("audit-grid"));
        browser.waitUntil(Duration.ofSeconds(30), () -> browser.texts("vaadin-grid-cell-content").contains("user.totp-enrol"));
        assertThat(browser.texts("vaadin-grid-cell-content")).contains("user.totp-enrol", "auth.sign-in");
        browser.screenshot("totp-03-audit");
    }

    /** The new screens held to AccessibilityIT's bar: no critical or serious axe violation. */
    private static void assertNoBlockingA11yViolations(String screen) {
        var violations = new Axe().scan(browser);
        assertThat(violations.stream().filter(Axe.Violation::blocking).toList()).as("axe on the " + screen).isEmpty();
    }

    private static String code(byte[] key, int stepsAhead) {
        return Totp.code(key, Totp.step(Instant.now()) + stepsAhead);
    }

    private static String wrong(byte[] key) {
        for (int i = 0;; i++) {
            String candidate = String.format("%06d", i);
            if (!candidate.equals(code(key, -1)) && !candidate.equals(code(key, 0)) && !candidate.equals(code(key, 1))
                    && !candidate.equals(code(key, 2))) {
                return candidate;
            }
        }
    }

    private static void signIn(String user, String password) {
        browser.open(console.url("login"));
        WebElement name = browser.await(By.cssSelector("#login-form input[name='username']"));
        WebElement secret = browser.await(By.cssSelector("#login-form input[name='password']"));
        name.clear();
        name.sendKeys(user);
        secret.clear();
        secret.sendKeys(password, Keys.ENTER);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> {
            try {
                return !d.getCurrentUrl().endsWith("/login") || d.getCurrentUrl().contains("error");
            } catch (RuntimeException e) {
                return false;
            }
        });
        browser.waitForVaadin();
    }
}
