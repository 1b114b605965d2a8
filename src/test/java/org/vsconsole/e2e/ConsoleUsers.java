package org.vsconsole.e2e;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** Users made as an admin makes them, in the Users view, and their first sign-in, which changes the initial password. */
final class ConsoleUsers {

    private ConsoleUsers() {
    }

    /**
     * Creates {@code name} with the role whose label starts with {@code roleLabelStart} and, for an
     * owner, {@code guests} ("" for none), signed in as an admin.
     */
    static void create(Browser browser, RunningConsole console, String name, String initialPassword, String roleLabelStart,
            String guests) {
        browser.open(console.url("users"));
        browser.await(By.id("users-grid"));
        browser.click("new-user");
        browser.type("user-name", name);
        browser.type("user-password", initialPassword);
        browser.js("for (const c of document.querySelectorAll('#user-roles vaadin-checkbox')) {"
                + " if (c.textContent.trim().startsWith(arguments[0])) { c.click(); } }", roleLabelStart);
        browser.waitForVaadin();
        if (!guests.isEmpty()) {
            browser.type("user-guests", guests);
        }
        browser.click("save-user");
        browser.waitUntil(Duration.ofSeconds(15), () -> String.join(" ", browser.gridRow("users-grid", name)).contains(guests)
                && browser.texts("vaadin-grid-cell-content").contains(name));
    }

    /** Signs in for the first time and replaces the initial password, as the console asks. */
    static void firstSignIn(Browser browser, RunningConsole console, String name, String initialPassword, String password) {
        browser.open(console.url("login"));
        browser.await(By.cssSelector("#login-form input[name='username']")).sendKeys(name);
        browser.await(By.cssSelector("#login-form input[name='password']")).sendKeys(initialPassword, Keys.ENTER);
        browser.await(By.id("current-password"));
        browser.type("current-password", initialPassword);
        browser.type("new-password", password);
        browser.type("repeat-password", password);
        browser.click("change-password");
        browser.waitUntil(Duration.ofSeconds(30), () -> browser.driver().findElements(By.id("current-password")).isEmpty());
        browser.await(By.id("sign-out"));
    }
}
