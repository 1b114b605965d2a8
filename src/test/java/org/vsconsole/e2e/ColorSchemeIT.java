package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Light and dark in a real browser: the console follows the system's setting until the user picks
 * one in the top bar, keeps that pick across a reload and a new sign-in page, and every page is
 * drawn dark or light as a whole, with no critical or serious axe finding in dark (read-only
 * driver: no guest runs). Screenshots of both schemes
 * go to {@code target/screenshots/scheme-*}.
 */
class ColorSchemeIT {

    private static final String PASSWORD = "scheme-admin-password-7";
    private static final List<String> PAGES = List.of("guests", "jobs", "dashboard", "audit", "guests/new");
    private static RunningConsole console;
    private static Browser browser;
    private static Axe axe;

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("scheme-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD, "--vsconsole.host.driver=read-only");
        browser = new Browser();
        axe = new Axe();
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
    void theSystemSchemeIsFollowedUntilTheUserPicksOneWhichIsRemembered() {
        systemPrefers("dark");
        browser.signIn(console, "admin", PASSWORD);
        browser.open(console.url("guests"));
        browser.waitForVaadin();
        assertThat(pageIsDark()).as("no choice yet: the system's dark").isTrue();
        systemPrefers("light");
        browser.waitUntil(Duration.ofSeconds(5), () -> !pageIsDark());

        pick("Dark");
        browser.waitUntil(Duration.ofSeconds(5), ColorSchemeIT::pageIsDark);
        for (String page : PAGES) {
            browser.open(console.url(page));
            browser.waitForVaadin();
            assertThat(pageIsDark()).as(page + " after choosing dark, system light").isTrue();
            assertThat(textIsLight()).as(page + ": text readable on dark").isTrue();
            assertThat(axe.scan(browser)).as(page + " in dark: axe's critical and serious findings (contrast among them)")
                    .filteredOn(Axe.Violation::blocking).isEmpty();
            browser.screenshot("scheme-dark-" + page.replace('/', '-'));
        }

        pick("Light");
        browser.waitUntil(Duration.ofSeconds(5), () -> !pageIsDark());
        systemPrefers("dark");
        browser.open(console.url("guests"));
        browser.waitForVaadin();
        assertThat(pageIsDark()).as("light chosen: the system's dark no longer counts").isFalse();
        for (String page : PAGES) {
            browser.open(console.url(page));
            browser.waitForVaadin();
            browser.screenshot("scheme-light-" + page.replace('/', '-'));
        }
        pick("System");
        browser.waitUntil(Duration.ofSeconds(5), ColorSchemeIT::pageIsDark);
    }

    /** As a user does it: open the top bar's switch and click the scheme by its label. */
    private static void pick(String label) {
        browser.await(org.openqa.selenium.By.id("color-scheme"));
        browser.js("document.getElementById('color-scheme').opened = true;");
        browser.waitUntil(Duration.ofSeconds(10), () -> Boolean.TRUE.equals(browser.js(
                "const i = Array.from(document.querySelectorAll('vaadin-select-item'))"
                        + ".find(e => e.textContent.trim() === arguments[0]); if (i) { i.click(); } return !!i;",
                label)));
        browser.waitForVaadin();
    }

    private static void systemPrefers(String scheme) {
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /**
     * The background behind the page's content as the eye sees it (the first one not transparent
     * from the content up, as the browser paints it): luminance below a third is dark.
     */
    private static boolean pageIsDark() {
        return luminance("for (let e = document.querySelector('main') || document.body; e; e = e.parentElement) {"
                + " const c = getComputedStyle(e).backgroundColor;"
                + " if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c; }"
                + " return 'rgb(255, 255, 255)';") < 0.33;
    }

    private static boolean textIsLight() {
        return luminance("return getComputedStyle(document.querySelector('main') || document.body).color;") > 0.6;
    }

    private static double luminance(String script) {
        String rgb = String.valueOf(browser.js(script));
        String[] parts = rgb.replaceAll("[^0-9.,]", "").split(",");
        double r = Double.parseDouble(parts[0]) / 255;
        double g = Double.parseDouble(parts[1]) / 255;
        double b = Double.parseDouble(parts[2]) / 255;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }
}
