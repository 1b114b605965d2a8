package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.vsconsole.host.agent.LoopbackSshHost;

/**
 * A second host in the browser: a host agent with its own trees, cgroup parent and bridge behind
 * a real OpenSSH server on a loopback port. The admin installs the console's key as the dialog
 * shows it, fetches and confirms the host key, adds the host; the Hosts view shows it reachable
 * with its driver and guest; its guest is started from the host's page and shows on the
 * dashboard with its figures; with sshd gone the row says unreachable and why, and it recovers by
 * itself when sshd is back. An owner of that guest stops it from the guest list. All of it is in
 * the audit log, found under the host's name.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HostsJourneyIT {

    private static final String PASSWORD = "hosts-admin-password-12";
    private static final String OWNER = "remote-owner";
    private static final String OWNER_PASSWORD = "remote-owner-password-12";
    private static final String BRIDGE = "vsbrhosts";
    private static final int XID = 4281;
    private static final AdminApi API = new AdminApi(() -> HostsJourneyIT.console, PASSWORD);

    private static RunningConsole console;
    private static Browser browser;
    private static SecondHost second;
    private static Path dir;
    private static Path hostData;
    private static LoopbackSshHost host;

    @RegisterExtension
    static final TestWatcher DUMP_ON_FAILURE = new TestWatcher() {

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("failure-hosts-" + context.getDisplayName().replaceAll("\\W+", "_"));
            }
            if (console != null) {
                console.dumpLog();
            }
        }
    };

    @BeforeAll
    static void start() throws Exception {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD, "--vsconsole.fleet.poll=1s");
        second = SecondHost.start(console, "hosts", "vsc-hosts", BRIDGE, "10.245.0.0/24");
        dir = second.dir;
        host = second.ssh;
        hostData = second.data;
        browser = new Browser();
        browser.viewport(1440, 900);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
            if (console != null) {
                console.close();
            }
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void anAdminAddsAHostRunsItsGuestAndSeesItGoAndComeBack() throws Exception {
        browser.signIn(console, "admin", PASSWORD);
        browser.open(console.url("hosts"));
        browser.await(By.id("hosts-grid"));
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.gridRow("hosts-grid", "local").size() > 1);
        assertThat(browser.gridRow("hosts-grid", "local")).as("this host, first").contains("reachable");

        browser.click("hosts-add");
        String keyLine = (String) browser.js("return document.getElementById('host-console-key').value");
        assertThat(keyLine).as("the line to install: a forced command, then the console's own key")
                .startsWith("command=\"").contains(",restrict ecdsa-sha2-nistp256 ");
        assertThat(keyLine.substring(keyLine.indexOf("ecdsa-sha2-nistp256"))).isEqualTo(
                Files.readString(dir.resolve("authorized_keys")).strip().replaceFirst("^.*restrict ", ""));

        browser.type("host-name", "Second Host!");
        browser.type("host-address", "127.0.0.1");
        browser.type("host-port", Integer.toString(host.port));
        browser.click("host-fetch-key");
        browser.waitUntil(Duration.ofSeconds(30), () -> host.hostKeyFingerprint.equals(
                browser.js("return document.getElementById('host-fingerprint').value")));
        assertThat(browser.js("return document.getElementById('host-add-confirm').hasAttribute('disabled')"))
                .as("nothing is added before the admin says the key was compared").isEqualTo(true);
        browser.click("host-fingerprint-compared");
        browser.click("host-add-confirm");
        browser.waitUntil(Duration.ofSeconds(10), () -> Boolean.TRUE.equals(
                browser.js("return document.getElementById('host-name').hasAttribute('invalid')")));
        assertThat(browser.js("return document.getElementById('host-name').errorMessage")).asString()
                .contains("lower-case letters");
        assertThat(API.call("GET", "api/v1/hosts", null).body()).as("a refused name adds nothing")
                .doesNotContain("127.0.0.1");

        browser.type("host-name", "second");
        browser.click("host-add-confirm");
        browser.waitUntil(Duration.ofSeconds(30), () -> state("second").equals("reachable"));
        List<String> row = browser.gridRow("hosts-grid", "second");
        assertThat(row).contains("linux", "0 (0 running)");
        assertThat(String.join(" ", row)).contains("LXC");
        browser.screenshot("hosts-view");

        browser.open(console.url("hosts/second"));
        browser.await(By.id("host-guests"));
        browser.click("remote-guest-new");
        browser.type("remote-guest-name", "remote1");
        browser.type("remote-guest-context", Integer.toString(XID));
        browser.click("remote-guest-create");
        Path root = hostData.resolve("host/var/lib/vservers/remote1");
        browser.waitUntil(Duration.ofSeconds(120), () -> Files.isDirectory(root.resolve("bin"))
                && browser.gridRow("host-guests", "remote1").contains("stopped"));
        assertThat(Files.readString(hostData.resolve("host/etc/vservers/remote1/context")).strip())
                .as("its config, written on the second host").isEqualTo(Integer.toString(XID));
        browser.waitUntil(Duration.ofSeconds(60),
                () -> jobs().matches("(?s).*\"title\":\"Create guest remote1 on host second\"[^}]*\"state\":\"succeeded\".*"));
        browser.click("remote-guest-close");

        // contexts are unique per host: the second host refuses its own guest's context
        browser.click("remote-guest-new");
        browser.type("remote-guest-name", "remote2");
        browser.type("remote-guest-context", Integer.toString(XID));
        browser.click("remote-guest-create");
        browser.waitUntil(Duration.ofSeconds(20), () -> Boolean.TRUE.equals(
                browser.js("return document.getElementById('remote-guest-context').hasAttribute('invalid')")));
        assertThat(browser.js("return document.getElementById('remote-guest-context').errorMessage")).asString()
                .contains("remote1");
        assertThat(hostData.resolve("host/etc/vservers/remote2")).doesNotExist();
        browser.click("remote-guest-close");

        // the guest list shows the other host's guests beside this host's, with their host
        browser.open(console.url("guests"));
        browser.await(By.id("other-hosts-grid"));
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.gridRow("other-hosts-grid", "remote1").contains("second"));
        assertThat(browser.gridRow("other-hosts-grid", "remote1")).startsWith("second", "remote1", Integer.toString(XID),
                "stopped");
        assertThat(browser.driver().findElements(By.cssSelector("#other-hosts-grid a[href='hosts/second']"))).isNotEmpty();
        browser.screenshot("guest-list-other-hosts");
        browser.open(console.url("hosts/second"));
        browser.await(By.id("host-guests"));
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.gridRow("host-guests", "remote1").contains("stopped"));

        browser.click("host-guest-start-remote1");
        browser.waitUntil(Duration.ofSeconds(60), () -> browser.gridRow("host-guests", "remote1").contains("running"));
        assertThat(Path.of("/sys/fs/cgroup/pids/vsc-hosts/" + XID)).as("it runs on the second host, in its cgroup parent")
                .exists();

        browser.click("host-guest-limit-remote1");
        browser.type("remote-limit-soft", "30");
        browser.type("remote-limit-hard", "40");
        browser.click("remote-limit-save");
        browser.waitUntil(Duration.ofSeconds(20), () -> Files.exists(hostData.resolve("host/etc/vservers/remote1/rlimits/nproc.hard")));
        assertThat(Files.readString(hostData.resolve("host/etc/vservers/remote1/rlimits/nproc.hard")).strip()).as("saved there")
                .isEqualTo("40");
        assertThat(Files.readString(Path.of("/sys/fs/cgroup/pids/vsc-hosts/" + XID + "/pids.max")).strip())
                .as("and applied live").isEqualTo("40");
        browser.screenshot("host-detail");

        // its host name, edited there: a refusal at its field, then saved by that host's agent
        browser.click("host-guest-settings-remote1");
        browser.await(By.id("remote-settings-hostname"));
        browser.type("remote-settings-hostname", " ");
        browser.click("remote-settings-save");
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.driver().findElement(By.id("remote-settings-hostname"))
                .getAttribute("invalid") != null);
        browser.type("remote-settings-hostname", "remote1-renamed");
        browser.type("remote-settings-domain", "example.org");
        browser.screenshot("host-guest-settings");
        browser.click("remote-settings-save");
        browser.waitUntil(Duration.ofSeconds(20), () -> Files.exists(hostData.resolve("host/etc/vservers/remote1/uts/domainname")));
        assertThat(Files.readString(hostData.resolve("host/etc/vservers/remote1/uts/nodename")).strip()).isEqualTo("remote1-renamed");
        assertThat(API.call("GET", "api/v1/hosts/second/guests/remote1/settings", null).body())
                .contains("\"nodename\":\"remote1-renamed\"", "\"domainname\":\"example.org\"");
        String settings = API.call("GET", "api/v1/hosts/second/guests/remote1/settings", null).body();
        String digest = settings.replaceAll("(?s).*\"digest\":\"([0-9a-f]{64})\".*", "$1");
        HttpResponse<String> noEntry = API.call("PUT", "api/v1/hosts/second/guests/remote1/interfaces/0",
                "{\"ip\":\"10.250.0.9\",\"prefix\":\"24\",\"digest\":\"" + digest + "\"}");
        assertThat(noEntry.statusCode()).as(noEntry.body()).isEqualTo(400);
        assertThat(noEntry.body()).contains("\"field\":\"interface\"");
        browser.click("host-guest-settings-remote1");
        browser.type("remote-settings-new-ip", "10.250.0.9");
        browser.type("remote-settings-new-dev", "eth0");
        browser.click("remote-settings-save");
        browser.waitUntil(Duration.ofSeconds(20), () -> Files.exists(hostData.resolve("host/etc/vservers/remote1/interfaces/0/ip")));
        assertThat(Files.readString(hostData.resolve("host/etc/vservers/remote1/interfaces/0/ip")).strip()).isEqualTo("10.250.0.9");
        assertThat(API.call("GET", "api/v1/audit?action=guest.add-interface&host=second", null).body())
                .contains("guest remote1 on host second").contains("10.250.0.9/24");
        assertThat(API.call("GET", "api/v1/audit?action=guest.set-hostname&host=second", null).body())
                .contains("guest remote1 on host second").contains("\"outcome\":\"ok\"").contains("\"outcome\":\"failed\"");

        // a limit preset applies to another host's guest as to this host's: saved there, applied live
        HttpResponse<String> preset = API.call("POST", "api/v1/limit-presets/small/apply",
                "{\"guests\":[\"second/remote1\",\"second/no-such-guest\"]}");
        assertThat(preset.statusCode()).isEqualTo(200);
        assertThat(preset.body()).contains("{\"guest\":\"second/remote1\",\"ok\":true,"
                + "\"message\":\"saved on second and applied to the running guest\"}")
                .contains("{\"guest\":\"second/no-such-guest\",\"ok\":false,");
        assertThat(Files.readString(hostData.resolve("host/etc/vservers/remote1/rlimits/nproc.hard")).strip()).isEqualTo("150");
        assertThat(Files.readString(Path.of("/sys/fs/cgroup/pids/vsc-hosts/" + XID + "/pids.max")).strip()).isEqualTo("150");

        // the dashboard shows the other host and its guest's vserver-stat figures
        browser.open(console.url("dashboard"));
        browser.await(By.id("dashboard-other-hosts-grid"));
        browser.waitUntil(Duration.ofSeconds(15), () -> browser.gridRow("dashboard-other-hosts-grid", "remote1").contains("running"));
        List<String> figures = browser.gridRow("dashboard-other-hosts-grid", "remote1");
        assertThat(figures.subList(0, 3)).containsExactly("second", Integer.toString(XID), "remote1");
        assertThat(Integer.parseInt(figures.get(3))).as("PROC: the skeleton's init and its sleep").isGreaterThanOrEqualTo(1);
        assertThat(figures.get(5)).as("RSS").isNotEqualTo("—");
        assertThat(browser.driver().findElement(By.id("dashboard-host-lines")).getText()).contains("second: load")
                .contains("running guests 1 of 1");
        browser.screenshot("dashboard-other-hosts");

        // an owner of that guest, named host/guest
        ConsoleUsers.create(browser, console, OWNER, "Initial-" + OWNER_PASSWORD, "Guest owner", "second/remote1");

        host.stop();
        // OpenSSH keeps an open session's agent running; end it as a network outage would
        LoopbackSshHost.killAgents(hostData);
        browser.open(console.url("hosts"));
        browser.await(By.id("hosts-grid"));
        // first "the host agent closed the connection", then, once the console tried again, why it cannot
        browser.waitUntil(Duration.ofSeconds(30), () -> state("second").startsWith("unreachable cannot reach the host agent"
                + " over SSH at 127.0.0.1:" + host.port + ": Connection refused"));
        assertThat(browser.gridRow("hosts-grid", "second")).as("its guests as last seen").contains("1 (1 running)");
        browser.screenshot("hosts-view-unreachable");

        host.start();
        browser.waitUntil(Duration.ofSeconds(90), () -> state("second").equals("reachable"));
        assertThat(browser.gridRow("hosts-grid", "second")).as("the guest ran on meanwhile").contains("1 (1 running)");

        // the owner sees their guest on the other host, and nothing else there, and stops it
        browser.click("sign-out");
        ConsoleUsers.firstSignIn(browser, console, OWNER, "Initial-" + OWNER_PASSWORD, OWNER_PASSWORD);
        browser.open(console.url("guests"));
        browser.await(By.id("other-hosts-grid"));
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.gridRow("other-hosts-grid", "remote1").contains("running"));
        assertThat(browser.gridRows("other-hosts-grid")).hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("#other-hosts-grid a:not([id*='-terminal-'])")))
                .as("the host's page is staff's: its name is not a link for an owner").isEmpty();
        browser.screenshot("guest-list-owner-other-host");

        // a terminal in it, opened by that host's agent over SSH, for its owner too
        browser.click("other-guest-terminal-second-remote1");
        assertThat(browser.await(By.id("terminal-title")).getText()).isEqualTo("Terminal · second/remote1");
        browser.click("terminal-open");
        browser.waitUntil(Duration.ofSeconds(30), () -> browser.driver().findElement(By.id("terminal-status")).getText()
                .startsWith("Connected"));
        browser.driver().findElement(By.cssSelector("#terminal-screen textarea")).sendKeys("echo remote-$((6*7)) && hostname",
                org.openqa.selenium.Keys.ENTER);
        browser.waitUntil(Duration.ofSeconds(30), () -> terminalScreen().contains("remote-42\nremote1"));
        browser.screenshot("terminal-other-host");
        browser.click("terminal-close");
        browser.waitUntil(Duration.ofSeconds(15), () -> !browser.driver().findElement(By.id("terminal-status")).getText()
                .startsWith("Connected"));
        browser.open(console.url("guests"));
        browser.await(By.id("other-hosts-grid"));
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.gridRow("other-hosts-grid", "remote1").contains("running"));
        browser.click("other-guest-stop-second-remote1");
        browser.click("other-guest-stop-confirm");
        browser.waitUntil(Duration.ofSeconds(60), () -> browser.gridRow("other-hosts-grid", "remote1").contains("stopped"));
        browser.click("sign-out");
        browser.signIn(console, "admin", PASSWORD);

        browser.open(console.url("hosts/second"));
        browser.await(By.id("host-guests"));
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.gridRow("host-guests", "remote1").contains("stopped"));
        browser.click("host-guest-delete-remote1");
        browser.type("remote-delete-name", "remote1");
        browser.click("remote-delete-confirm");
        browser.waitUntil(Duration.ofSeconds(60), () -> browser.gridRows("host-guests").isEmpty());
        assertThat(root).as("its root is gone there").doesNotExist();
        assertThat(hostData.resolve("host/etc/vservers/remote1")).as("and its config").doesNotExist();

        HttpResponse<String> added = API.call("GET", "api/v1/audit?action=host.add", null);
        assertThat(added.body()).contains("\"outcome\":\"ok\"").contains("second").contains(host.hostKeyFingerprint)
                .contains("\"outcome\":\"failed\"");
        assertThat(API.call("GET", "api/v1/audit?action=guest.start", null).body())
                .contains("guest remote1 on host second").contains("\"outcome\":\"ok\"");
        assertThat(API.call("GET", "api/v1/audit?action=guest.stop&host=second", null).body())
                .contains("guest remote1 on host second").contains("\"actor\":\"" + OWNER + "\"");
        assertThat(API.call("GET", "api/v1/audit?action=guest.stop&host=local", null).body())
                .as("another host's rows are not this host's").doesNotContain("on host second");
        assertThat(API.call("GET", "api/v1/audit?action=limits.set", null).body())
                .contains("guest remote1 on host second").contains("\\\"appliedLive\\\":true");
        assertThat(API.call("GET", "api/v1/audit?action=guest.create", null).body())
                .contains("guest remote2 on host second").contains("\"outcome\":\"failed\"");
        assertThat(API.call("GET", "api/v1/audit?action=guest.delete", null).body())
                .contains("guest remote1 on host second").contains("\"outcome\":\"ok\"");
        assertThat(API.call("GET", "api/v1/audit?action=terminal.close&host=second", null).body())
                .contains("guest remote1 on host second").contains("\"actor\":\"" + OWNER + "\"").contains("sha256");
        assertThat(API.call("GET", "api/v1/hosts/second/guests", null).body()).isEqualTo("[]");
        assertThat(API.call("GET", "api/v1/audit/verify", null).body()).contains("\"ok\":true");

        browser.open(console.url("audit"));
        browser.await(By.id("audit-grid"));
        browser.type("audit-filter-host", "second");
        browser.waitUntil(Duration.ofSeconds(10), () -> !browser.gridRows("audit-grid").isEmpty()
                && browser.gridRows("audit-grid").stream().allMatch(r -> r.contains("second")));
        assertThat(browser.gridRows("audit-grid").stream().map(r -> r.get(3)).distinct())
                .contains("guest.stop", "guest.delete", "limits.set");
        browser.screenshot("audit-host-filter");

        // the guest is gone, and so is its owner's claim on it: a new remote1 there would not be theirs
        browser.open(console.url("users"));
        browser.await(By.id("users-grid"));
        browser.waitUntil(Duration.ofSeconds(10), () -> browser.gridRow("users-grid", OWNER).size() > 1);
        assertThat(String.join(" ", browser.gridRow("users-grid", OWNER))).doesNotContain("second/remote1");
    }

    private static String jobs() {
        try {
            return API.call("GET", "api/v1/jobs?limit=5", null).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The State cell of a host's row: the badge, and why when it cannot be reached. */
    private static String state(String host) {
        List<String> row = browser.gridRow("hosts-grid", host);
        return row.size() > 1 ? row.get(1) : "";
    }

    private static String terminalScreen() {
        return String.valueOf(browser.js("const t = document.getElementById('terminal-screen'); return t && t.text ? t.text() : ''"))
                .lines().map(String::strip).collect(java.util.stream.Collectors.joining("\n"));
    }
}
