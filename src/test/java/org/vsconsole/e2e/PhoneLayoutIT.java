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
 * Issue 13 at 390×844 (a phone) against the production jar with two running guests: every tab
 * of the guest page and the dashboard fit without sideways scrolling; the guest's actions are a
 * menu in the page header, which opens from any tab and stops and starts the guest; every
 * dashboard row shows its guest's name; the capabilities and personality editors fit, and what the
 * capabilities editor says of this (linux) driver happens in the guest. Screenshots go to
 * target/screenshots/phone-*.png and wide-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhoneLayoutIT {

    private static final String PASSWORD = "phone-layout-admin-pw";
    private static final String GUEST = "phoneweb1";
    private static final String OTHER = "phone-db-primary-02";
    private static final String[] TABS = {"overview", "configuration", "network", "processes", "limits", "console",
            "terminal", "history", "audit"};
    private static RunningConsole console;
    private static Browser browser;
    private static final AdminApi API = new AdminApi(() -> PhoneLayoutIT.console, PASSWORD);

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("phone-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() throws Exception {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.linux.cgroup-parent=vsc-edit", "--vsconsole.linux.bridge=vsbredit",
                "--vsconsole.provisioning.address-pool=10.239.0.0/24");
        browser = new Browser();
        API.awaitJob(API.submit("api/v1/guests",
                "{\"name\":\"" + GUEST + "\",\"context\":\"41242\",\"build\":{\"method\":\"skeleton\"},\"start\":true}"),
                Duration.ofMinutes(2), "succeeded");
        API.awaitJob(API.submit("api/v1/guests",
                "{\"name\":\"" + OTHER + "\",\"context\":\"41243\",\"build\":{\"method\":\"skeleton\"},\"start\":true}"),
                Duration.ofMinutes(2), "succeeded");
        browser.viewport(390, 844);
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
    void everyTabOfTheGuestPageFitsAPhone() {
        for (String tab : TABS) {
            browser.open(console.url("guests/" + GUEST + "?tab=" + tab));
            browser.await(By.id("guest-tabs"));
            browser.waitForVaadin();
            browser.screenshot("phone-guest-" + tab);
            assertNoSidewaysScroll("the guest page's " + tab + " tab");
            assertThat(onScreen("guest-title")).as("the guest's name on the " + tab + " tab").isTrue();
            assertThat(onScreen("guest-actions-open")).as("the actions menu on the " + tab + " tab").isTrue();
            if (tab.equals("processes")) {
                browser.waitUntil(Duration.ofSeconds(10), () -> !browser.gridRows("guest-processes").isEmpty());
                assertThat(browser.gridRows("guest-processes").getFirst()).as("a process row keeps its PID, command"
                        + " and action").hasSize(3);
            }
            assertThat(browser.js("return document.getElementById('guest-tabs').getBoundingClientRect().width"
                    + " <= window.innerWidth")).as("the tab strip scrolls inside the page").isEqualTo(true);
        }
    }

    @Test
    @Order(2)
    void theActionsMenuStopsAndStartsTheGuestFromAnyTab() {
        browser.open(console.url("guests/" + GUEST + "?tab=network"));
        browser.await(By.id("guest-tabs"));
        browser.waitUntil(Duration.ofSeconds(20), () -> text("guest-state").equals("Running"));
        openMenu();
        browser.screenshot("phone-guest-actions-menu");
        assertThat(menuItemOnScreen("Start")).as("Start in the open menu").isTrue();
        assertThat(menuItemOnScreen("Stop")).as("Stop in the open menu").isTrue();
        clickMenuItem("Stop");
        String header = "return Array.from(document.querySelectorAll('vaadin-confirm-dialog')).find(d => d.opened)?.header";
        browser.waitUntil(Duration.ofSeconds(5), () -> ("Stop " + GUEST + "?").equals(browser.js(header)));
        browser.screenshot("phone-guest-stop-confirm");
        browser.js("Array.from(document.querySelectorAll('vaadin-confirm-dialog')).find(d => d.opened)"
                + ".querySelector(\"vaadin-button[slot='confirm-button']\").click()");
        browser.waitForVaadin();
        browser.waitUntil(Duration.ofSeconds(60), () -> text("guest-state").equals("Stopped"));

        openMenu();
        clickMenuItem("Start");
        browser.waitUntil(Duration.ofSeconds(60), () -> text("guest-state").equals("Running"));
        browser.screenshot("phone-guest-started-from-menu");
    }

    @Test
    @Order(3)
    void theCapabilitiesAndPersonalityEditorsFitAPhone() {
        browser.open(console.url("guests/" + GUEST + "?tab=configuration"));
        browser.click("edit-capabilities-open");
        browser.await(By.id("edit-bcaps"));
        browser.waitForVaadin();
        browser.screenshot("phone-capabilities-dialog");
        assertNoSidewaysScroll("the capabilities dialog");
        assertThat(text("capabilities-system-effect")).contains("lxc.cap.drop");
        assertThat(text("capabilities-context-effect")).contains("not at all on this driver");
        closeDialog();
        browser.click("edit-personality-open");
        browser.await(By.id("edit-personality-type"));
        browser.waitForVaadin();
        browser.screenshot("phone-personality-dialog");
        assertNoSidewaysScroll("the personality dialog");
        closeDialog();
    }

    @Test
    @Order(4)
    void everyDashboardRowShowsItsGuestsName() {
        browser.open(console.url("dashboard"));
        browser.await(By.id("dashboard-grid"));
        browser.waitUntil(Duration.ofSeconds(20), () -> browser.gridRows("dashboard-grid").size() >= 2);
        browser.screenshot("phone-dashboard");
        assertNoSidewaysScroll("the dashboard");
        for (String guest : new String[]{GUEST, OTHER}) {
            assertThat(browser.js("""
                    const name = Array.from(document.querySelectorAll('#dashboard-grid .guest-name'))
                        .find(e => e.textContent.trim() === arguments[0]);
                    if (!name) { return false; }
                    const r = name.getBoundingClientRect();
                    return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;
                    """, guest)).as(guest + "'s name on screen in its dashboard row").isEqualTo(true);
        }
    }

    @Test
    @Order(5)
    void theEditorsAtDesktopWidth() {
        browser.viewport(1440, 900);
        try {
            browser.open(console.url("guests/" + GUEST + "?tab=configuration"));
            assertThat(browser.js("return getComputedStyle(document.getElementById('guest-actions-menu')).display"))
                    .as("wide, the Overview's buttons do: no header menu").isEqualTo("none");
            browser.click("edit-capabilities-open");
            browser.await(By.id("edit-bcaps"));
            browser.waitForVaadin();
            browser.screenshot("wide-capabilities-dialog");
            closeDialog();
            browser.click("edit-personality-open");
            browser.await(By.id("edit-personality-type"));
            browser.waitForVaadin();
            browser.screenshot("wide-personality-dialog");
            closeDialog();
        } finally {
            browser.viewport(390, 844);
        }
    }

    /**
     * The capabilities editor's claim for this driver, checked in a real guest: a system capability
     * the guest is to lose is gone from its bounding set after the next start (lxc.cap.drop).
     */
    @Test
    @Order(6)
    void aRemovedCapabilityIsGoneFromTheGuestAfterItsNextStart() throws Exception {
        long before = boundingSet();
        assertThat(before & (1L << 10)).as("NET_BIND_SERVICE (bit 10) held before").isNotZero();
        String digest = AdminApi.field(API.call("GET", "api/v1/guests/" + GUEST + "/capabilities", null).body(),
                "\"digest\":\"([0-9a-f]+)\"");
        java.util.List<String> system = new java.util.ArrayList<>(org.vsconsole.host.config.VserverNames.DEFAULT_SYSTEM);
        system.remove("NET_BIND_SERVICE");
        var saved = API.call("PUT", "api/v1/guests/" + GUEST + "/capabilities", "{\"system\":[\""
                + String.join("\",\"", system) + "\"],\"digest\":\"" + digest + "\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).contains("lxc.cap.drop");
        assertThat(boundingSet()).as("nothing changes before the next start").isEqualTo(before);
        var restarted = API.call("POST", "api/v1/guests/" + GUEST + "/restart", null);
        assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(200);
        long after = boundingSet();
        assertThat(after & (1L << 10)).as("NET_BIND_SERVICE dropped at the next start").isZero();
        assertThat(after | (1L << 10)).as("only that one").isEqualTo(before);
    }

    /** CapBnd of a process in the guest, read with shell builtins only (a skeleton guest has no grep). */
    private static long boundingSet() throws Exception {
        var exec = API.call("POST", "api/v1/guests/" + GUEST + "/exec", "{\"command\":[\"/bin/sh\",\"-c\","
                + "\"while read k v; do [ \\\"$k\\\" = CapBnd: ] && echo CAPBND=$v; done < /proc/self/status; true\"]}");
        assertThat(exec.statusCode()).as(exec.body()).isEqualTo(200);
        return Long.parseUnsignedLong(AdminApi.field(exec.body(), "CAPBND=([0-9a-f]+)"), 16);
    }

    private static void assertNoSidewaysScroll(String what) {
        Number scroll = (Number) browser.js("return document.documentElement.scrollWidth");
        Number inner = (Number) browser.js("return window.innerWidth");
        assertThat(scroll.intValue()).as(what + ": page width (scrollWidth) within the window").isLessThanOrEqualTo(inner.intValue());
    }

    private static boolean onScreen(String id) {
        return Boolean.TRUE.equals(browser.js("""
                const e = document.getElementById(arguments[0]);
                if (!e) { return false; }
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.top >= 0;
                """, id));
    }

    private static void openMenu() {
        browser.js("document.querySelector('#guest-actions-menu vaadin-menu-bar-button').click()");
        browser.waitUntil(Duration.ofSeconds(5), () -> menuItemOnScreen("Stop"));
    }

    /** A visible item of an open menu overlay, wherever the overlay put it (light or shadow DOM). */
    private static final String FIND_ITEM = """
            const all = [];
            const walk = root => root.querySelectorAll('*').forEach(e => { all.push(e); if (e.shadowRoot) { walk(e.shadowRoot); } });
            walk(document);
            return all.find(e => e.localName === 'vaadin-menu-bar-item' && e.textContent.trim() === arguments[0]
                && e.getBoundingClientRect().width > 0) || null;
            """;

    private static boolean menuItemOnScreen(String label) {
        return Boolean.TRUE.equals(browser.js("const item = (() => {" + FIND_ITEM + "})();"
                + " if (!item) { return false; } const r = item.getBoundingClientRect();"
                + " return r.left >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;", label));
    }

    private static void clickMenuItem(String label) {
        browser.js("(() => {" + FIND_ITEM + "})().click()", label);
        browser.waitForVaadin();
    }

    private static void closeDialog() {
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waitUntil(Duration.ofSeconds(5), () -> Boolean.FALSE.equals(browser.js(
                "return Array.from(document.querySelectorAll('vaadin-dialog')).some(d => d.opened)")));
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText().trim();
    }
}
