package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The Context tab and the dashboard's host row in headless Chromium, at 1440 and 390 px, with
 * screenshots, and the host's facts on the settings page: the jar on the vserver driver over the reference's vs2.2 {@code /proc/virtual} tree
 * (contexts 40001..40004, plus a dynamic 49153 that guest {@code dyn} runs on and two host
 * processes as xid 0), util-vserver's tools the recording fakes. No guest is started.
 */
class ContextScreensIT {

    private static final String PASSWORD = "context-screens-pw-7";

    @Test
    void theContextTabAndTheHostRowAtBothWidths() throws Exception {
        Path host = Files.createTempDirectory("vsconsole-ctx-screens-");
        Path proc = host.resolve("proc");
        Path config = host.resolve("etc-vservers");
        copy(Path.of("src/test/resources/fixtures/proc/stat-vstat/proc"), proc);
        copy(Path.of("src/test/resources/fixtures/proc/stat-vstat/config"), config);
        copy(proc.resolve("virtual/40004"), proc.resolve("virtual/49153"));
        Files.createDirectories(config.resolve("dyn"));
        Files.writeString(config.resolve("dyn/run"), "49153\n");
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "4.9.337-vs2.3.9.8\n");
        hostProcess(proc, 1, "init", 100);
        hostProcess(proc, 2, "sshd", 12_000);
        Path fakeBin = Path.of("src/test/resources/fake-util-vserver").toAbsolutePath();
        Axe axe = new Axe();
        AxeReport report = new AxeReport();
        try (RunningConsole console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD,
                "--vsconsole.host.driver=vserver", "--vsconsole.host.proc-root=" + proc,
                "--vsconsole.host.config-root=" + config, "--vsconsole.host.util-vserver-bin=" + fakeBin);
                Browser browser = new Browser()) {
            browser.viewport(1440, 900);
            browser.signIn(console, "admin", PASSWORD);

            browser.open(console.url("guests/web1?tab=context"));
            browser.waitUntil(Duration.ofSeconds(30), () -> "31".equals(text(browser, "context-cvirt-threads")));
            assertThat(text(browser, "context-cvirt-load")).isEqualTo("0.08 / 0.03 / 0.01");
            assertThat(text(browser, "context-cvirt-forks")).isEqualTo("48211");
            browser.js("document.querySelector('#context-raw-cvirt').opened = true");
            browser.waitForVaadin();
            report.add("context tab", axe.scan(browser));
            browser.screenshot("context-tab-1440");
            browser.js("document.getElementById('context-cacct').scrollIntoView()");
            browser.screenshot("context-tab-1440-cacct-raw");
            browser.viewport(390, 844);
            browser.waitForVaadin();
            browser.screenshot("context-tab-390");
            assertThat(browser.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .as("the Context tab fits 390 px").isEqualTo(true);

            browser.viewport(1440, 900);
            browser.open(console.url("dashboard"));
            browser.waitUntil(Duration.ofSeconds(30), () -> !browser.gridRow("dashboard-grid", "0").isEmpty());
            assertThat(String.join(" ", browser.gridRow("dashboard-grid", "0"))).contains("root server host");
            assertThat(String.join(" ", browser.gridRow("dashboard-grid", "49153"))).contains("dyn dynamic context")
                    .contains("Assign a static context");
            report.add("dashboard with row 0", axe.scan(browser));
            browser.screenshot("dashboard-row0-1440");
            browser.viewport(390, 844);
            browser.waitForVaadin();
            browser.screenshot("dashboard-row0-390");

            browser.viewport(1440, 900);
            browser.open(console.url("settings"));
            browser.await(By.id("settings-host-facts"));
            assertThat(text(browser, "settings-host-facts")).contains("4.9.337-vs2.3.9.8")
                    .contains("Linux-VServer VCI 0002:0203").containsPattern("Cgroups\\s+v[12]: ").doesNotContain("lacks CAP_CONTEXT");
            report.add("settings with host facts", axe.scan(browser));
            browser.screenshot("settings-host-facts");
            assertThat(report.blocking()).isEmpty();
        } finally {
            try (var tree = Files.walk(host)) {
                tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String text(Browser browser, String id) {
        return browser.driver().findElements(By.id(id)).stream().findFirst().map(e -> e.getText().trim()).orElse("");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
    }

    private static void hostProcess(Path proc, int pid, String comm, long start) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("vinfo"), "XID:\t0\n");
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S 0 1 1 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 1 0 "
                + start + " 104857600 2560 18446744073709551615 1 1 0 0 0\n");
    }
}
