package org.vsconsole.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.vsconsole.host.agent.LoopbackSshHost;

/**
 * A guest of this host moved to a second host (an agent behind a real OpenSSH server on
 * loopback, with its own trees, cgroup parent and bridge). Over REST, a move whose context is
 * taken there moves nothing and names the field. From the guest page's Move tab, a running guest
 * with a changed file, 200 MB of data, a limit, the boot mark and an owner is checked and moved
 * with a pre-copy: it runs there with the same bytes, limit, address and owner, and stays here
 * stopped, disabled, without its boot mark, with its files. Both hosts' audit rows name the job.
 * A move whose target breaks away in the final pass, the guest stopped (agents killed, sshd down
 * for 3 s), cannot be cancelled any more and is undone: the guest runs here again and nothing of
 * it is left there. An offline move over REST gives the
 * downtime to compare with the pre-copy's. A guest of a Linux-VServer host (an agent on the vserver
 * driver over the fake util-vserver tools), laid out as util-vserver leaves it, moves to the
 * stock-kernel host and runs there unprivileged with its limit live, on a free static context; a
 * second one is pulled onto this console's own host and arrives as the console's own guest.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationJourneyIT {

    private static final String PASSWORD = "migration-admin-password-1";
    private static final String OWNER = "mover";
    private static final String GUEST = "web1";
    private static final String BRIDGE = "vsmigb0";
    private static final AdminApi API = new AdminApi(() -> MigrationJourneyIT.console, PASSWORD);

    private static RunningConsole console;
    private static Browser browser;
    private static SecondHost second;
    private static Path hostData;
    private static LoopbackSshHost host;

    @RegisterExtension
    static final FailureEvidence DUMP_ON_FAILURE = new FailureEvidence("migration-journey-failure", () -> browser, () -> console);

    @BeforeAll
    static void start() throws Exception {
        console = RunningConsole.start("--vsconsole.admin-password=" + PASSWORD, "--vsconsole.fleet.poll=1s",
                "--vsconsole.linux.cgroup-parent=vsc-mig-a", "--vsconsole.linux.bridge=vsmiga0",
                "--vsconsole.provisioning.address-pool=10.247.1.0/24");
        second = SecondHost.start(console, "migration", "vsc-mig-b", BRIDGE, "10.247.2.0/24");
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
    @Order(1)
    void aRunningGuestMovesToTheSecondHostWithItsFilesLimitAndOwner() throws Exception {
        // the second host, added with its confirmed key
        HttpResponse<String> added = API.call("POST", "api/v1/hosts", "{\"name\":\"second\",\"address\":\"127.0.0.1\",\"port\":"
                + host.port + ",\"user\":\"root\",\"fingerprint\":\"" + host.hostKeyFingerprint + "\"}");
        assertThat(added.statusCode()).as(added.body()).isBetween(200, 201);
        awaitBody("api/v1/hosts/second", "\"state\":\"reachable\"");

        // web1 here: running, with a file of its own, a limit, an owner and the boot mark
        Path root = runningGuestWithData(GUEST, 4301, "10.247.1.21", 200); // the downtime figure is for a 200 MB tree
        Files.writeString(root.resolve("etc/motd"), "changed before the move\n");
        String digest = AdminApi.field(API.call("GET", "api/v1/guests/" + GUEST, null).body(), "\"digest\":\"([0-9a-f]+)\"");
        HttpResponse<String> limit = API.call("PUT", "api/v1/guests/" + GUEST + "/limits", "{\"limits\":{\"nproc\":{\"soft\":300,"
                + "\"hard\":400}},\"live\":true,\"persistent\":true,\"digest\":\"" + digest + "\"}");
        assertThat(limit.statusCode()).as(limit.body()).isEqualTo(200);
        browser.signIn(console, "admin", PASSWORD);
        browser.open(console.url("guests/" + GUEST));
        browser.await(By.id("guest-boot-mark")).click();
        awaitBody("api/v1/guests", "\"startsAtBoot\":true");
        ConsoleUsers.create(browser, console, OWNER, "Initial-mover-password-1", "Guest owner", GUEST);
        String motd = sha256(root.resolve("etc/motd"));

        // a guest there already holds context 4302: the preflight says so and nothing moves
        API.awaitJob(API.submit("api/v1/hosts/second/guests", "{\"name\":\"other\",\"context\":4302}"), Duration.ofMinutes(3),
                "succeeded");
        HttpResponse<String> refused = API.call("POST", "api/v1/hosts/local/guests/" + GUEST + "/migrate",
                "{\"targetHost\":\"second\",\"context\":\"4302\",\"ip\":\"10.247.2.21\",\"mode\":\"offline\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"context\"").contains("taken on second by other");
        assertThat(API.call("GET", "api/v1/hosts/second/guests", null).body()).doesNotContain("\"" + GUEST + "\"");
        assertThat(API.call("GET", "api/v1/guests/" + GUEST + "/state", null).body()).contains("\"running\":true");

        // the preflight of the real move: nothing in the way, and what is not carried is listed
        HttpResponse<String> plan = API.call("POST", "api/v1/hosts/local/guests/" + GUEST + "/migrate/preflight",
                "{\"targetHost\":\"second\",\"ip\":\"10.247.2.21\"}");
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        assertThat(plan.body()).contains("\"problems\":[]").contains("\"context\":4301");

        // the move, from the guest page's Move tab: checked, confirmed, followed to its end
        browser.open(console.url("guests/" + GUEST + "?tab=move"));
        browser.await(By.id("move-target"));
        browser.await(By.cssSelector("#move-target input")).sendKeys("second");
        browser.await(By.cssSelector("vaadin-combo-box-item")).click();
        browser.waitForVaadin();
        browser.type("move-ip", "10.247.2.21");
        browser.type("move-prefix", "24");
        browser.click("move-check");
        browser.waitUntil(Duration.ofSeconds(30), () -> browser.driver().findElement(By.id("move-result")).getText()
                .contains("Ready to move " + GUEST + " to second (precopy) on context 4301 at 10.247.2.21/24"));
        browser.screenshot("guest-move-checked");
        browser.click("move-start");
        browser.waitUntil(Duration.ofSeconds(10),
                () -> !browser.driver().findElements(By.cssSelector("vaadin-button[slot='confirm-button']")).isEmpty());
        browser.screenshot("guest-move-confirm");
        browser.js("document.querySelector(\"vaadin-button[slot='confirm-button']\").click()");
        browser.waitUntil(Duration.ofMinutes(3), () -> browser.driver().findElement(By.id("move-progress")).getText()
                .contains("Here it is disabled"));
        browser.screenshot("guest-moved");
        String job = AdminApi.field(API.call("GET", "api/v1/jobs?limit=5", null).body(), "\"id\":(\\d+),\"kind\":\"guest.migrate\"");
        String log = API.awaitJob(job, Duration.ofMinutes(1), "succeeded");
        assertThat(log).contains("Copying web1 while it runs").contains("Copied what changed").contains("runs on second");
        System.out.println("Migration of a 200 MB tree, pre-copy: " + AdminApi.field(log, "(Copied [0-9.]+ MiB[^\"]+)") + "; "
                + AdminApi.field(log, "(Copied what changed[^\"]+)") + "; " + AdminApi.field(log, "(it was stopped here for [0-9.]+ s)"));

        String there = awaitBody("api/v1/hosts/second/guests", "\"name\":\"" + GUEST + "\"");
        assertThat(there).containsPattern("\"name\":\"" + GUEST + "\",\"context\":4301,\"running\":true");
        Path moved = hostData.resolve("host/var/lib/vservers/" + GUEST);
        assertThat(sha256(moved.resolve("etc/motd"))).as("the changed file, byte for byte").isEqualTo(motd);
        Path config = hostData.resolve("host/etc/vservers/" + GUEST);
        assertThat(Files.readString(config.resolve("rlimits/nproc.hard")).strip()).isEqualTo("400");
        assertThat(Files.readString(config.resolve("rlimits/nproc.soft")).strip()).isEqualTo("300");
        assertThat(Files.readString(config.resolve("interfaces/0/ip")).strip()).isEqualTo("10.247.2.21");
        assertThat(Files.readString(config.resolve("apps/init/mark")).strip()).isEqualTo("default");
        assertThat(Files.readString(config.resolve("context")).strip()).isEqualTo("4301");
        assertThat(Files.readString(cgroupOf("vsc-mig-b/4301").resolve("pids.max")).strip()).as("nproc live there").isEqualTo("400");
        assertThat(Files.readString(config.resolve("interfaces/0/dev")).strip()).as("on that host's bridge").isEqualTo(BRIDGE);

        // here: stopped, disabled, no boot mark, files kept
        String here = API.call("GET", "api/v1/guests/" + GUEST, null).body();
        assertThat(here).contains("\"disabled\":true");
        assertThat(API.call("GET", "api/v1/guests/" + GUEST + "/state", null).body()).contains("\"running\":false");
        assertThat(console.dataDir().resolve("host/etc/vservers/" + GUEST + "/apps/init/mark")).doesNotExist();
        assertThat(root.resolve("etc/motd")).exists();

        // the owner owns it there too
        browser.open(console.url("users"));
        browser.await(By.id("users-grid"));
        browser.waitUntil(Duration.ofSeconds(15), () -> String.join(" ", browser.gridRow("users-grid", OWNER)).contains("second/" + GUEST));

        // one row per host, both naming the job
        String audit = API.call("GET", "api/v1/audit?action=guest.migrate&limit=20", null).body();
        assertThat(audit).as("the refused move is in the log too").contains("taken on second by other");
        assertThat(audit.split("job\\\\?\":" + job + "\\b", -1).length - 1).as("rows naming job " + job + ": " + audit)
                .isGreaterThanOrEqualTo(2);
        assertThat(audit).contains("on host second");
    }

    @Test
    @Order(2)
    void aTargetThatBreaksAwayDuringTheFinalPassLeavesNoCopyAndTheGuestRunsHereAgain() throws Exception {
        Path root = runningGuestWithData("web3", 4303, "10.247.1.23", 200);
        String job = API.submit("api/v1/hosts/local/guests/web3/migrate", "{\"targetHost\":\"second\",\"ip\":\"10.247.2.23\"}");

        // while the first pass runs, 300 MB land in a folder it has not seen: the final pass, once web3 is stopped, carries them
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int progress = 0;
        while (progress < 8 && System.nanoTime() < deadline) {
            progress = Integer.parseInt(AdminApi.field(API.call("GET", "api/v1/jobs/" + job, null).body(), "\"progress\":(\\d+)"));
            Thread.sleep(20);
        }
        assertThat(progress).as("the first pass began and had not ended").isBetween(8, 59);
        writeRandom(root, "zz-late/data.bin", 300);
        String body = "";
        while (!body.contains("Stopping web3 here") && System.nanoTime() < deadline) {
            body = API.call("GET", "api/v1/jobs/" + job, null).body();
            Thread.sleep(20);
        }
        assertThat(body).as("web3 was stopped for the final pass").contains("Stopping web3 here").doesNotContain("Copied what changed");

        // then the second host's agents die and its sshd stops, as in a network outage
        host.stop();
        LoopbackSshHost.killAgents(hostData);
        HttpResponse<String> cancel = API.call("POST", "api/v1/jobs/" + job + "/cancel", null);
        assertThat(cancel.statusCode()).as("past the stop, the move completes or is undone: " + cancel.body()).isEqualTo(409);
        assertThat(cancel.body()).contains("can no longer be cancelled");
        Thread.sleep(3_000);
        host.start(); // back: the move's undo reaches it again and removes what it left

        String log = API.awaitJob(job, Duration.ofMinutes(3), "failed");
        assertThat(log).contains("Failed while copying what changed since").contains("web3 runs here again")
                .contains("nothing of web3 is left there");
        assertThat(API.call("GET", "api/v1/guests/web3/state", null).body()).contains("\"running\":true");
        assertThat(hostData.resolve("host/var/lib/vservers/web3")).doesNotExist();
        assertThat(hostData.resolve("host/etc/vservers/web3")).doesNotExist();
        awaitBody("api/v1/hosts/second", "\"state\":\"reachable\"");
        assertThat(API.call("GET", "api/v1/hosts/second/guests", null).body()).doesNotContain("\"web3\"");
        String audit = API.call("GET", "api/v1/audit?action=guest.migrate&target=web3&limit=20", null).body();
        assertThat(audit).contains("\"outcome\":\"failed\"").contains("copying what changed since")
                .doesNotContain("\"actor\":\"system\"");
        // the console made and removed the copy there itself: neither is logged as done by hand on that host
        assertThat(API.call("GET", "api/v1/audit?action=guest.appeared-outside&limit=50", null).body()).doesNotContain("web3");
        assertThat(API.call("GET", "api/v1/audit?action=guest.removed-outside&limit=50", null).body()).doesNotContain("web3");
    }

    @Test
    @Order(3)
    void anOfflineMoveOverRestStopsTheGuestForTheWholeCopy() throws Exception {
        runningGuestWithData("web4", 4304, "10.247.1.24", 200);
        String job = API.submit("api/v1/hosts/local/guests/web4/migrate", "{\"targetHost\":\"second\",\"ip\":\"10.247.2.24\","
                + "\"prefix\":\"24\",\"mode\":\"offline\"}");
        String log = API.awaitJob(job, Duration.ofMinutes(3), "succeeded");
        assertThat(log).doesNotContain("while it runs").contains("stays stopped while its files are copied");
        System.out.println("Migration of a 200 MB tree, offline: " + AdminApi.field(log, "(Copied [0-9.]+ MiB[^\"]+)") + "; "
                + AdminApi.field(log, "(it was stopped here for [0-9.]+ s)"));
        assertThat(awaitBody("api/v1/hosts/second/guests", "\"name\":\"web4\"")).containsPattern(
                "\"name\":\"web4\",\"context\":4304,\"running\":true");
        assertThat(sha256(hostData.resolve("host/var/lib/vservers/web4/var/data.bin")))
                .isEqualTo(sha256(console.dataDir().resolve("host/var/lib/vservers/web4/var/data.bin")));
    }

    @Test
    @Order(4)
    void aLinuxVserverHostsGuestMovesToTheStockKernelHostAndRunsThereUnprivilegedWithItsLimits() throws Exception {
        try (OldVserverHost old = OldVserverHost.start(console, "oldbox")) {
            // legacy, as util-vserver left it: dynamic context, root-owned tree, a file of a user of the guest
            Path root = old.legacyGuest("legacy", "10.247.2.31");
            Files.writeString(root.resolve("etc/motd"), "served from a Linux-VServer host since 2009\n");
            Path notes = Files.createDirectories(root.resolve("home/alice")).resolve("notes");
            Files.writeString(notes, "alice's notes\n");
            LoopbackSshHost.run("chown", "1000:1000", "--", notes.toString());
            old.fake.markRunning("legacy");
            String motd = sha256(root.resolve("etc/motd"));
            HttpResponse<String> added = API.call("POST", "api/v1/hosts", "{\"name\":\"oldbox\",\"address\":\"127.0.0.1\",\"port\":"
                    + old.ssh.port + ",\"user\":\"root\",\"fingerprint\":\"" + old.ssh.hostKeyFingerprint + "\"}");
            assertThat(added.statusCode()).as(added.body()).isBetween(200, 201);
            awaitBody("api/v1/hosts/oldbox", "\"state\":\"reachable\"");

            // the preflight: a free static context there for the dynamic one, and what the stock kernel will not have
            HttpResponse<String> plan = API.call("POST", "api/v1/hosts/oldbox/guests/legacy/migrate/preflight",
                    "{\"targetHost\":\"second\"}");
            assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
            assertThat(plan.body()).contains("\"problems\":[]").contains("\"host\":\"oldbox\"").contains("\"context\":2,")
                    .contains("disk limits").contains("capabilities").contains("personality").contains("sched/")
                    .contains("context 2, free on second, instead of the dynamic one it has on oldbox");

            // the move, from the guest's row on oldbox's page: the Move tab's form in a dialog
            browser.open(console.url("hosts/oldbox"));
            browser.click("host-guest-move-legacy");
            browser.await(By.cssSelector("#move-target input")).sendKeys("second");
            browser.await(By.cssSelector("vaadin-combo-box-item")).click();
            browser.waitForVaadin();
            browser.click("move-check");
            browser.waitUntil(Duration.ofSeconds(30), () -> browser.driver().findElement(By.id("move-result")).getText()
                    .contains("Ready to move legacy to second (precopy) on context 2 at 10.247.2.31/24"));
            assertThat(browser.driver().findElement(By.id("move-result")).getText()).contains("Not carried to the target")
                    .contains("personality");
            browser.screenshot("host-guest-move-checked");
            browser.click("move-start");
            browser.waitUntil(Duration.ofSeconds(10),
                    () -> !browser.driver().findElements(By.cssSelector("vaadin-button[slot='confirm-button']")).isEmpty());
            browser.js("document.querySelector(\"vaadin-button[slot='confirm-button']\").click()");
            browser.waitUntil(Duration.ofMinutes(3), () -> browser.driver().findElement(By.id("move-progress")).getText()
                    .contains("On oldbox it is disabled"));
            browser.screenshot("host-guest-moved");
            String job = AdminApi.field(API.call("GET", "api/v1/jobs?limit=5", null).body(), "\"id\":(\\d+),\"kind\":\"guest.migrate\"");
            String log = API.awaitJob(job, Duration.ofMinutes(1), "succeeded");
            System.out.println(
                    "Migration of legacy from a Linux-VServer host: " + AdminApi.field(log, "(it was stopped on oldbox for [0-9.]+ s)"));
            assertThat(log).contains("Copying legacy while it runs").contains("Stopping legacy on oldbox").contains("runs on second");

            // there: running on context 2, its tree shifted into an unprivileged range, its limit live
            awaitBody("api/v1/hosts/second/guests", "\"name\":\"legacy\",\"context\":2,\"running\":true");
            Path moved = hostData.resolve("host/var/lib/vservers/legacy");
            assertThat(sha256(moved.resolve("etc/motd"))).isEqualTo(motd);
            int base = (Integer) Files.getAttribute(moved.resolve("etc/motd"), "unix:uid");
            assertThat(base).as("root of the guest is not root of the host").isGreaterThan(0);
            assertThat((Integer) Files.getAttribute(moved.resolve("home/alice/notes"), "unix:uid")).isEqualTo(base + 1000);
            List<Long> pids = guestPids("vsc-mig-b/2");
            assertThat(pids).as("legacy's processes on second").isNotEmpty();
            for (long pid : pids) {
                String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
                assertThat(status).containsPattern("(?m)^Uid:\\s+" + base + "\\s");
            }
            // nproc is the guest's pids.max on a stock kernel: RLIMIT_NPROC counts per user, across guests
            assertThat(Files.readString(cgroupOf("vsc-mig-b/2").resolve("pids.max")).strip()).as("nproc 300/400 live").isEqualTo("400");

            // on oldbox: stopped through util-vserver, disabled, without its boot mark, its files kept
            assertThat(old.fake.calls()).anySatisfy(call -> assertThat(call).contains("legacy", "stop"));
            Path config = old.home.resolve("etc/vservers/legacy");
            assertThat(config.resolve("disabled")).exists();
            assertThat(config.resolve("apps/init/mark")).satisfiesAnyOf(m -> assertThat(m).doesNotExist(),
                    m -> assertThat(Files.readString(m)).doesNotContain("default"));
            assertThat(root.resolve("etc/motd")).exists();
            String audit = API.call("GET", "api/v1/audit?action=guest.migrate&target=legacy&limit=20", null).body();
            assertThat(audit).contains("oldbox").contains("second").contains(job).doesNotContain("\"outcome\":\"failed\"");

            // a second one pulled onto this host, as when the console runs on the new stock-kernel host
            Path root2 = old.legacyGuest("legacy2", "10.247.1.32");
            old.fake.markRunning("legacy2");
            String job2 = API.submit("api/v1/hosts/oldbox/guests/legacy2/migrate", "{\"targetHost\":\"local\",\"context\":\"4305\","
                    + "\"mode\":\"offline\"}");
            assertThat(API.awaitJob(job2, Duration.ofMinutes(3), "succeeded")).contains("Stopping legacy2 on oldbox")
                    .contains("runs on local");
            assertThat(API.call("GET", "api/v1/guests/legacy2/state", null).body()).contains("\"running\":true");
            assertThat(awaitBody("api/v1/sync/guests/legacy2", "\"state\":\"MANAGED\"")).as("the console's own guest, not one"
                    + " found on disk to adopt, and its config as the move wrote it").contains("\"drift\":false");
            Path pulled = console.dataDir().resolve("host/var/lib/vservers/legacy2");
            int base2 = (Integer) Files.getAttribute(pulled.resolve("etc/hostname"), "unix:uid");
            assertThat(base2).as("unprivileged here too").isGreaterThan(0);
            assertThat(Files.readString(cgroupOf("vsc-mig-a/4305").resolve("pids.max")).strip()).isEqualTo("400");
            assertThat(Files.readString(console.dataDir().resolve("host/etc/vservers/legacy2/interfaces/0/dev")).strip())
                    .isEqualTo("vsmiga0");
            assertThat(old.home.resolve("etc/vservers/legacy2/disabled")).exists();
            assertThat(root2.resolve("etc/hostname")).as("its files stay on oldbox").exists();
            API.call("POST", "api/v1/guests/legacy2/stop", null);
        }
    }

    /** The directory of {@code cgroup}: in v1's pids hierarchy, or in v2's. */
    private static Path cgroupOf(String cgroup) {
        Path v1 = Path.of("/sys/fs/cgroup/pids").resolve(cgroup);
        return Files.isDirectory(v1) ? v1 : Path.of("/sys/fs/cgroup").resolve(cgroup);
    }

    /** Every process of a guest whose cgroup is {@code cgroup}, in it or in a cgroup below. */
    private static List<Long> guestPids(String cgroup) throws Exception {
        try (var files = Files.walk(cgroupOf(cgroup))) {
            List<Path> procs = files.filter(f -> f.getFileName().toString().equals("cgroup.procs")).toList();
            List<Long> pids = new java.util.ArrayList<>();
            for (Path f : procs) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).map(Long::parseLong).forEach(pids::add);
            }
            return pids;
        }
    }

    /** A skeleton guest of this host, started, with {@code mib} MiB of random data at {@code var/data.bin}; returns its root. */
    private static Path runningGuestWithData(String name, int context, String ip, int mib) throws Exception {
        API.awaitJob(API.submit("api/v1/guests", "{\"name\":\"" + name + "\",\"context\":\"" + context + "\",\"ip\":\"" + ip
                + "\",\"prefix\":24,\"build\":{\"method\":\"skeleton\"},\"start\":true}"), Duration.ofMinutes(3), "succeeded");
        Path root = console.dataDir().resolve("host/var/lib/vservers/" + name);
        writeRandom(root, "var/data.bin", mib);
        return root;
    }

    /** {@code mib} MiB of random bytes at {@code relative} in a guest's tree, owned like the tree's top. */
    private static void writeRandom(Path root, String relative, int mib) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] block = new byte[1 << 20];
        java.util.Random random = new java.util.Random(42);
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        LoopbackSshHost.run("chown", "--reference=" + root, "--", file.toString());
    }

    private static String awaitBody(String path, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = API.call("GET", path, null).body();
            if (body.contains(expected)) {
                return body;
            }
            Thread.sleep(500);
        }
        assertThat(body).contains(expected);
        return body;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
