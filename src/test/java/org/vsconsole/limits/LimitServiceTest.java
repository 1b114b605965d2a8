package org.vsconsole.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.ContextFigures.LimitFigure;
import org.vsconsole.host.DiskUsage;
import org.vsconsole.host.config.ConfigConflictException;
import org.vsconsole.host.config.ConfigManifest;
import org.vsconsole.security.Role;
import org.vsconsole.security.UserAccountService;

/** LimitService: validation before anything happens, exact writes, live application, conflicts, roles, presets. */
@WithMockUser(username = "admin", roles = "ADMIN")
class LimitServiceTest extends LimitsTestBase {

    @Autowired
    LimitService limits;

    @Autowired
    DiskLimitService disks;

    @Autowired
    TmpSizeService tmp;

    @Autowired
    LimitPresetService presets;

    @Autowired
    UserAccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.vsconsole.guests.GuestService guests;

    static Stream<Arguments> badEdits() {
        return Stream.of(
                Arguments.of("../../x", "100", "120", "limit '../../x'"),
                Arguments.of("NPROC", "100", "120", "limit 'NPROC'"),
                Arguments.of("nproc", "-5", "120", "nproc soft"),
                Arguments.of("nproc", "100", "-1", "nproc hard"),
                Arguments.of("nproc", "abc", "120", "nproc soft"),
                Arguments.of("nproc", "\u0661\u0662", "120", "nproc soft"),
                Arguments.of("nproc", "100", "\uff11\uff12\uff10", "nproc hard"),
                Arguments.of("nproc", "+1", "120", "nproc soft"),
                Arguments.of("nproc", "1.5", "120", "nproc soft"),
                Arguments.of("nproc", "1e3", "2000", "nproc soft"),
                Arguments.of("nproc", "010", "120", "nproc soft"),
                Arguments.of("nproc", "100", "99999999", "nproc hard"),
                Arguments.of("nofile", "99999999999999999999", "inf", "nofile soft"),
                Arguments.of("nproc", "200", "100", "nproc"),
                Arguments.of("nproc", "inf", "100", "nproc"),
                Arguments.of("nproc", "", "100", "nproc soft"),
                Arguments.of("nproc", null, "100", "nproc soft"));
    }

    @ParameterizedTest(name = "[{index}] {0} soft={1} hard={2}")
    @MethodSource("badEdits")
    void badInputIsRefusedNamingTheLimitAndNothingIsWrittenOrApplied(String name, String soft, String hard, String field) {
        String guest = newGuest(true);
        ConfigManifest before = config(guest).manifest();
        Map<String, LimitEdit> edits = new LinkedHashMap<>();
        edits.put("locks", new LimitEdit("10", "20")); // a valid edit first: it must not be applied either
        edits.put(name, new LimitEdit(soft, hard));

        assertThatThrownBy(() -> limits.apply(guest, edits, true, true, before.digest()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.rule()).isNotBlank();
                });

        assertThat(config(guest).manifest()).as("no file written").isEqualTo(before);
        assertThat(driver.callsFor(guest)).as("nothing applied").isEmpty();
    }

    @Test
    void savingWritesExactlyTheSoftAndHardFilesAndNothingElse() throws Exception {
        String guest = newGuest(false);
        ConfigManifest before = config(guest).manifest();

        GuestLimits after = limits.apply(guest, Map.of("nproc", new LimitEdit("100", "120")), false, true, before.digest());

        assertThat(before.differences(config(guest).manifest())).containsExactly("rlimits/nproc.hard", "rlimits/nproc.soft");
        var dir = config(guest).configDir();
        assertThat(Files.readString(dir.resolve("rlimits/nproc.soft"))).isEqualTo("100\n");
        assertThat(Files.readString(dir.resolve("rlimits/nproc.hard"))).isEqualTo("120\n");
        assertThat(after.row("nproc").savedSoft()).isEqualTo(100);
        assertThat(after.row("nproc").savedHard()).isEqualTo(120);
        assertThat(after.digest()).isEqualTo(digest(guest));
        assertThat(driver.callsFor(guest)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'limits.set' AND target_guest = ? AND outcome = 'ok'")
                .param(guest).query(Long.class).single()).isEqualTo(1);
        String afterJson = jdbc.sql("SELECT after_json FROM audit_event WHERE action = 'limits.set' AND target_guest = ?")
                .param(guest).query(String.class).single();
        assertThat(afterJson).contains("\"savedSoft\":100").contains("\"savedHard\":120");
    }

    @Test
    void raisingSoftAboveTheOldHardIsWrittenInASafeOrder() {
        String guest = newGuest(false);
        limits.apply(guest, Map.of("nproc", new LimitEdit("10", "20")), false, true, digest(guest));
        GuestLimits after = limits.apply(guest, Map.of("nproc", new LimitEdit("300", "400")), false, true, digest(guest));
        assertThat(after.row("nproc").savedSoft()).isEqualTo(300);
        assertThat(after.row("nproc").savedHard()).isEqualTo(400);
        after = limits.apply(guest, Map.of("nproc", new LimitEdit("5", "8")), false, true, digest(guest));
        assertThat(after.row("nproc").savedHard()).isEqualTo(8);
    }

    @Test
    void applyNowReachesTheDriverAndWritesNothing() {
        String guest = newGuest(true);
        ConfigManifest before = config(guest).manifest();

        GuestLimits after = limits.apply(guest, Map.of("nproc", new LimitEdit("100", "120"), "rss", new LimitEdit("inf", "inf")),
                true, false, before.digest());

        assertThat(driver.callsFor(guest)).containsExactlyInAnyOrder("setLimitLive " + guest + " nproc 100/120",
                "setLimitLive " + guest + " rss inf/inf");
        assertThat(config(guest).manifest()).isEqualTo(before);
        assertThat(after.liveApplied()).isTrue();
        assertThat(after.row("nproc").liveSoft()).isEqualTo(100);
        assertThat(after.row("nproc").differs()).as("live 100/120, nothing saved").isTrue();
        assertThat(after.row("nofile").saved()).isTrue();
    }

    @Test
    void aDeleteWhileALimitChangeRunsIsRefusedNamingItAndDeletesNothing() throws Exception {
        String guest = newGuest(true);
        var entered = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        driver.holdNextLiveLimit(guest, entered, release);
        var change = java.util.concurrent.CompletableFuture.runAsync(() -> as("admin",
                () -> limits.apply(guest, Map.of("nproc", new LimitEdit("100", "120")), true, false, digest(guest)), "ADMIN"));
        try {
            assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the limit change reached the driver").isTrue();
            driver.setRunning(guest, false);
            assertThatThrownBy(() -> as("admin", () -> {
                guests.delete(guest, guest);
                return null;
            }, "ADMIN")).isInstanceOf(org.vsconsole.base.StateConflictException.class)
                    .hasMessageContaining("another operation on '" + guest + "' is in progress (limits.set)");
        } finally {
            release.countDown();
        }
        change.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(Files.isDirectory(reader.configRoot().resolve(guest))).as("the guest is still there").isTrue();
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'guest.delete' AND target_guest = ?")
                .param(guest).query(String.class).list()).containsExactly("denied");
    }

    @Test
    void applyNowOnAStoppedGuestIsRefused() {
        String guest = newGuest(false);
        assertThatThrownBy(() -> limits.apply(guest, Map.of("nproc", new LimitEdit("1", "2")), true, false, digest(guest)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not running");
    }

    @Test
    void readShowsCurrentMaxHitsAndUnits() {
        String guest = newGuest(true);
        driver.setFigure(guest, "nproc", new LimitFigure(23, 0, 41, 150, 150, 2));
        driver.setFigure(guest, "rss", new LimitFigure(9876, 0, 15433, 200000, 262144, 0));

        GuestLimits g = limits.apply(guest, Map.of("locks", new LimitEdit("inf", "inf")), true, false, digest(guest));
        LimitRow nproc = g.row("nproc");
        assertThat(nproc.current()).isEqualTo(23);
        assertThat(nproc.max()).isEqualTo(41);
        assertThat(nproc.hits()).isEqualTo(2);
        assertThat(nproc.differs()).isTrue();
        assertThat(g.rows().subList(0, 6)).extracting(LimitRow::name).containsExactly("nproc", "as", "memlock", "rss", "nofile", "locks");
        assertThat(g.row("rss").unit()).isEqualTo("pages");
        assertThat(LimitUnits.display("rss", 262144L, 4096)).isEqualTo("1024 MiB (262144 pages)");
        assertThat(LimitUnits.display("nproc", -1L, 4096)).isEqualTo("unlimited");
        assertThat(g.row("nofile").savedSoft()).isEqualTo(1024);
        assertThat(g.diskEnforced()).isFalse();
        assertThat(g.diskNote()).isEqualTo("not enforced: no disk limit set");
    }

    @Test
    void staleDigestIsAConflictNamingTheChangedFileAndNothingIsApplied() throws Exception {
        String guest = newGuest(true);
        GuestLimits read = limits.limits(guest);
        Files.writeString(config(guest).configDir().resolve("rlimits/nofile"), "2048\n");
        ConfigManifest before = config(guest).manifest();

        assertThatThrownBy(() -> limits.apply(guest, Map.of("nproc", new LimitEdit("1", "2")), true, true, read.digest()))
                .isInstanceOfSatisfying(ConfigConflictException.class,
                        e -> assertThat(e.changedPaths()).containsExactly("rlimits/nofile"));
        assertThat(config(guest).manifest()).isEqualTo(before);
        assertThat(driver.callsFor(guest)).isEmpty();
    }

    @Test
    void ownersSeeTheirLimitsButCannotChangeThem() {
        String guest = newGuest(false);
        String owner = "own" + guest.replace("-", "").replace("lim", "");
        as("admin", () -> accounts.create(owner, "an-initial-password-1", Set.of(Role.OWNER), Set.of(guest)), "ADMIN");

        GuestLimits seen = as(owner, () -> limits.limits(guest), "OWNER");
        assertThat(seen.guest()).isEqualTo(guest);
        assertThatThrownBy(() -> as(owner, () -> limits.apply(guest, Map.of("nproc", new LimitEdit("1", "2")), false, true,
                seen.digest()), "OWNER")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(owner, () -> tmp.setTmpSize(guest, "64m", false, true, seen.digest()), "OWNER"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as("auditor", () -> limits.apply(guest, Map.of("nproc", new LimitEdit("1", "2")), false, true,
                seen.digest()), "AUDITOR")).isInstanceOf(AccessDeniedException.class);
        assertThat(config(guest).rlimits()).doesNotContainKey("nproc");
    }

    @Test
    void tmpSizeIsCheckedThenSavedAndRemounted() throws Exception {
        String guest = newGuest(true);
        ConfigManifest before = config(guest).manifest();
        for (String bad : List.of("0", "64x", "-1m", "64M", "1.5g", " ", "064m", "99999999g", "\u0666\u0664m")) {
            assertThatThrownBy(() -> tmp.setTmpSize(guest, bad, true, true, before.digest()))
                    .as(bad).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tmp size"));
        }
        assertThat(config(guest).manifest()).isEqualTo(before);
        assertThat(driver.callsFor(guest)).isEmpty();

        GuestLimits after = tmp.setTmpSize(guest, "64m", true, true, before.digest());

        assertThat(before.differences(config(guest).manifest())).containsExactly("fstab");
        assertThat(Files.readString(config(guest).configDir().resolve("fstab"))).contains("size=64m,mode=1777");
        assertThat(after.tmpSize()).isEqualTo("64m");
        assertThat(driver.callsFor(guest)).containsExactly("remountTmp " + guest + " 64m");
    }

    @Test
    void diskLimitsAreSavedAndUsageMeasured() throws Exception {
        String guest = newGuest(false);
        var root = Files.readSymbolicLink(config(guest).configDir().resolve("vdir"));
        Files.createDirectories(root);
        Files.writeString(root.resolve("file"), "x".repeat(5000));
        String dir = root.toString();

        assertThatThrownBy(() -> disks.setDiskLimit(guest, new DiskLimitEdit("root", dir, "-1", "1000", "5"), digest(guest)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("space_total");
        assertThatThrownBy(() -> disks.setDiskLimit(guest, new DiskLimitEdit("../x", dir, "1", "1000", "5"), digest(guest)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> disks.setDiskLimit(guest, new DiskLimitEdit("root", "/etc", "1", "1000", "5"), digest(guest)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("guest root");

        ConfigManifest before = config(guest).manifest();
        GuestLimits after = disks.setDiskLimit(guest, new DiskLimitEdit("root", dir, "1048576", "100000", "5"), before.digest());
        assertThat(before.differences(config(guest).manifest())).containsExactlyInAnyOrder("dlimits", "dlimits/root",
                "dlimits/root/directory", "dlimits/root/space_total", "dlimits/root/inodes_total", "dlimits/root/reserved");
        assertThat(after.diskLimits()).singleElement().satisfies(d -> {
            assertThat(d.spaceTotalKiB()).isEqualTo(1048576);
            assertThat(d.complete()).isTrue();
        });

        assertThat(driver.callsFor(guest)).containsExactly("applyDiskQuota " + guest + " 1048576KiB/100000");
        assertThat(after.diskNote()).isEqualTo("enforced");
        assertThat(after.diskQuota().usedKiB()).isEqualTo(300);
        assertThat(limits.limits(guest).diskQuota().limitInodes()).isEqualTo(100000);

        DiskUsage usage = disks.diskUsage(guest);
        assertThat(usage.complete()).isTrue();
        assertThat(usage.inodes()).isEqualTo(2);
        assertThat(usage.spaceKiB()).isGreaterThanOrEqualTo(8);
        assertThat(usage.note()).contains("the kernel's own count");
    }

    @Test
    void removingTheRootsDiskLimitLiftsItAndOtherEntriesAreNamedAsNotTheRoots() throws Exception {
        String guest = newGuest(false);
        var root = Files.readSymbolicLink(config(guest).configDir().resolve("vdir"));
        Files.createDirectories(root.resolve("srv"));
        disks.setDiskLimit(guest, new DiskLimitEdit("root", root.toString(), "2048", "100", "5"), digest(guest));

        GuestLimits lifted = disks.removeDiskLimit(guest, "root", digest(guest));
        assertThat(lifted.diskNote()).isEqualTo("not enforced: no disk limit set");

        GuestLimits sub = disks.setDiskLimit(guest, new DiskLimitEdit("srv", root.resolve("srv").toString(), "2048", "100",
                "5"), digest(guest));
        assertThat(sub.diskNote()).isEqualTo("not enforced: no disk limit set for the guest root " + root
                + " (only a complete, enabled dlimits entry whose directory is the root counts)");
        assertThat(driver.callsFor(guest)).containsExactly("applyDiskQuota " + guest + " 2048KiB/100",
                "applyDiskQuota " + guest + " none", "applyDiskQuota " + guest + " none");
    }

    @Test
    void aDiskLimitTheHostRefusesStaysSavedAndSaysWhy() throws Exception {
        String guest = newGuest(false);
        var root = Files.readSymbolicLink(config(guest).configDir().resolve("vdir"));
        driver.refuseDiskQuota(guest, "cannot put /x/etc into project 44001: Operation not permitted");
        try {
            GuestLimits after = disks.setDiskLimit(guest, new DiskLimitEdit("root", root.toString(), "2048", "100", "5"),
                    digest(guest));

            assertThat(after.diskNote()).isEqualTo("not enforced: saved, but applying it failed: cannot put /x/etc into"
                    + " project 44001: Operation not permitted");
            assertThat(config(guest).dlimits()).singleElement().satisfies(d -> assertThat(d.spaceTotalKiB()).isEqualTo(2048));
            String audited = jdbc.sql("SELECT after_json FROM audit_event WHERE action = 'limits.disk-set' AND target_guest = ?")
                    .param(guest).query(String.class).single();
            assertThat(audited).contains("applying it failed");
        } finally {
            driver.refuseDiskQuota(guest, null);
        }
    }

    @Test
    void presetsApplyToSeveralGuestsWithAResultPerGuest() {
        String running = newGuest(true);
        String stopped = newGuest(false);

        List<PresetResult> results = presets.apply("small", List.of(running, stopped, "no-such-guest", "../etc"));

        assertThat(results).extracting(PresetResult::guest).containsExactly(running, stopped, "no-such-guest", "../etc");
        assertThat(results).extracting(PresetResult::ok).containsExactly(true, true, false, false);
        assertThat(results.get(0).message()).contains("applied to the running guest");
        assertThat(results.get(1).message()).contains("next start");
        assertThat(config(stopped).rlimits().get("nproc").soft()).isEqualTo(100);
        assertThat(config(stopped).rlimits().get("nproc").hard()).isEqualTo(150);
        assertThat(driver.callsFor(running)).contains("setLimitLive " + running + " nproc 100/150");
        assertThat(driver.callsFor(stopped)).isEmpty();
        assertThat(presets.preset("medium")).containsKeys("nproc", "nofile", "locks", "rss");
    }

    @Test
    void presetsAreDefinedByAdminsOnlyAndValidated() {
        String name = "p" + System.nanoTime() % 100000;
        assertThatThrownBy(() -> presets.save(name, "bad", Map.of("nproc", new LimitEdit("200", "100"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> presets.save("../x", "bad", Map.of("nproc", new LimitEdit("1", "2"))))
                .isInstanceOf(InvalidInputException.class);
        presets.save(name, "tiny", Map.of("nproc", new LimitEdit("10", "20")));
        assertThat(presets.preset(name)).containsEntry("nproc", new LimitEdit("10", "20"));
        assertThatThrownBy(() -> as("op", () -> presets.save(name, "x", Map.of("nproc", new LimitEdit("1", "2"))), "OPERATOR"))
                .isInstanceOf(AccessDeniedException.class);
        presets.delete(name);
        assertThat(presets.list()).extracting(LimitPreset::name).doesNotContain(name).contains("small", "medium", "large");
    }
}
