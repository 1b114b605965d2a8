package org.vsconsole.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;

class GuestConfigReaderTest {

    @TempDir
    Path root;

    GuestConfigReader reader;

    @BeforeEach
    void setUp() throws IOException {
        FixtureTree.buildReference(root);
        FixtureTree.copyNegatives(root);
        reader = new GuestConfigReader(root);
    }

    @Test
    void referenceGuestParsesEveryField() {
        GuestConfig g = reader.readGuest("web1");
        assertThat(g.name()).isEqualTo("web1");
        assertThat(g.context()).isEqualTo(40001);
        assertThat(g.displayName()).isEqualTo("web1");
        assertThat(g.nice()).isEqualTo(5);
        assertThat(g.vdirTarget()).isEqualTo("/etc/vservers/.defaults/vdirbase/web1");
        assertThat(g.cacheTarget()).isEqualTo("/etc/vservers/.defaults/cachebase/web1");
        assertThat(g.runTarget()).isEqualTo("/var/run/vservers/web1");
        assertThat(g.fstab()).extracting(FstabEntry::mountPoint).containsExactly("/proc", "/tmp", "/dev/pts", "/srv/shared");
        assertThat(g.fstab().get(3).options()).isEqualTo("bind,ro");
        assertThat(g.tmpSize()).isEqualTo("16m");
        assertThat(g.cflags()).containsExactly("virt_mem", "virt_load", "hide_netif");
        assertThat(g.flags()).isEmpty();
        assertThat(g.bcapabilities()).containsExactly("CAP_NET_RAW", "NET_BIND_SERVICE");
        assertThat(g.ccapabilities()).containsExactly("secure_mount", "raw_icmp");
        assertThat(g.nflags()).containsExactly("lback_remap", "hide_lback");
        assertThat(g.personality()).isEqualTo(new Personality("LINUX32", List.of("ADDR_LIMIT_3GB")));
        assertThat(g.init().style()).isEqualTo("sysv");
        assertThat(g.init().marks()).containsExactly("default");
        assertThat(g.init().bootMarked()).isTrue();
        assertThat(g.init().runlevel()).isEqualTo("2");
        assertThat(g.init().killseq()).containsExactly("15", "10", "9");
        assertThat(g.init().depends()).containsExactly("db1");
        assertThat(g.pkgmgmtInternal()).isTrue();
        assertThat(g.interfaceDefaults().dev()).isEqualTo("eth0");
        assertThat(g.interfaceDefaults().prefix()).isEqualTo(24);
        assertThat(g.interfaceDefaults().lback()).isEqualTo("127.0.40.1");
        assertThat(g.interfaces()).containsExactly(
                new InterfaceEntry("0", "192.0.2.10", "eth0", 24, null, "web1", false, false),
                new InterfaceEntry("1", "198.51.100.7", null, null, "255.255.255.255", null, true, false));
        assertThat(g.nodename()).isEqualTo("web1");
        assertThat(g.domainname()).isEqualTo("example.com");
        assertThat(g.rlimits()).containsEntry("nproc", new LimitSetting(150L, null, null, null))
                .containsEntry("rss", new LimitSetting(null, 200000L, 262144L, null))
                .containsEntry("nofile", new LimitSetting(LimitValues.UNLIMITED, null, null, null))
                .containsEntry("as", new LimitSetting(1_048_576L, null, null, null));
        assertThat(g.rlimits().get("rss").effective()).isEqualTo(new LimitValues(200000, 262144));
        assertThat(g.ulimits()).containsEntry("nofile", new LimitSetting(null, 1024L, 4096L, null));
        assertThat(g.dlimits()).containsExactly(new DiskLimit("root", "/vservers/web1", 10485760L, 1000000L, 5, false));
        assertThat(g.dlimits().getFirst().complete()).isTrue();
        assertThat(g.sched()).containsEntry("fill-rate", "1").containsEntry("interval", "4")
                .containsEntry("tokens", "100").containsEntry("tokens-min", "15").containsEntry("tokens-max", "125")
                .containsEntry("priority-bias", "0");
        assertThat(g.cpuset()).containsEntry("name", "web1").containsEntry("cpus", "0-1").containsEntry("mems", "0")
                .containsEntry("nocreate", "");
        assertThat(g.spaces()).containsEntry("net", "").containsEntry("mask", "0x08000000");
        assertThat(g.warnings()).extracting(ConfigWarning::path).contains("spaces/mask");
        assertThat(g.cgroup()).containsEntry("memory.limit_in_bytes", "1073741824").containsEntry("cpu.shares", "512");
        assertThat(g.scripts()).containsExactly("scripts/pre-start");
        assertThat(g.disabled()).isFalse();
        assertThat(g.unknownFiles()).isEmpty();
        assertThat(g.warnings()).extracting(ConfigWarning::path).containsExactly("spaces/mask");
        assertThat(g.digest()).matches("[0-9a-f]{64}");
    }

    @Test
    void identitiesMatchTheFullReadAndNeverFollowLinks() throws IOException {
        Path g = root.resolve("link2");
        Files.createDirectories(g.resolve("interfaces"));
        Files.createSymbolicLink(g.resolve("interfaces/0"), root.resolve("web1/interfaces/0"));
        Files.createSymbolicLink(g.resolve("context"), root.resolve("web1/context"));
        List<GuestIdentity> ids = reader.readIdentities();
        assertThat(ids).contains(GuestIdentity.of(reader.readGuest("web1")), GuestIdentity.of(reader.readGuest("noip1")));
        assertThat(ids).filteredOn(i -> i.name().equals("link2")).singleElement()
                .isEqualTo(new GuestIdentity("link2", null, java.util.Map.of()));
        assertThatThrownBy(() -> HostGrammar.requireContextFree(40001, "x", reader)).hasMessageContaining("web1");
    }

    @Test
    void defaultsAreRead() {
        DefaultsConfig d = reader.readDefaults();
        assertThat(d.vdirbase()).isEqualTo("/vservers");
        assertThat(d.cachebase()).isEqualTo("/var/cache/vservers");
        assertThat(d.contextNext()).isEqualTo(40003);
        assertThat(d.fstab()).extracting(FstabEntry::mountPoint).containsExactly("/proc", "/tmp", "/dev/pts");
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void listsEveryGuestButDefaultsAndDotDirs() throws IOException {
        Files.createDirectories(root.resolve(".hidden"));
        Files.createDirectories(root.resolve(".vsconsole-new-x-0011"));
        Files.writeString(root.resolve("not-a-dir"), "x");
        assertThat(reader.listGuestNames()).contains("web1", "octal1", "badlimit1").doesNotContain(".defaults",
                ".hidden", ".vsconsole-new-x-0011", "not-a-dir");
    }

    @Test
    void limitValuesUseCNumberSyntax() {
        GuestConfig g = reader.readGuest("octal1");
        assertThat(g.rlimits().get("nproc").plain()).isEqualTo(8L);
        assertThat(g.rlimits().get("nofile").plain()).isEqualTo(16L);
        assertThat(g.rlimits().get("as").plain()).isEqualTo(2000L);
        assertThat(g.rlimits().get("rss").plain()).isEqualTo(3_000_000L);
        assertThat(g.rlimits().get("nsock").plain()).isEqualTo(LimitValues.UNLIMITED);
        assertThat(g.warnings()).isEmpty();
    }

    @Test
    void invalidLimitsBecomeWarnings() {
        GuestConfig g = reader.readGuest("badlimit1");
        assertThat(g.rlimits()).isEmpty();
        assertThat(g.warnings()).extracting(ConfigWarning::path)
                .containsExactlyInAnyOrder("rlimits/rss", "rlimits/nproc", "rlimits/bogus");
        assertThat(g.warnings()).filteredOn(w -> w.path().equals("rlimits/rss"))
                .extracting(ConfigWarning::message).allMatch(m -> m.contains("Invalid limit"));
        assertThat(g.unknownFiles()).extracting(UnknownFile::path).containsExactly("rlimits/bogus");
    }

    @Test
    void interfaceWithoutIpIsFlagged() {
        GuestConfig g = reader.readGuest("noip1");
        assertThat(g.interfaces()).extracting(InterfaceEntry::id).containsExactly("0", "2");
        assertThat(g.interfaceById("2").ip()).isNull();
        assertThat(g.warnings()).anyMatch(w -> w.path().equals("interfaces/2/ip") && w.message().contains("Can not read ip"));
    }

    @Test
    void incompleteDiskLimitIsReportedAsSkipped() {
        GuestConfig g = reader.readGuest("dlimit1");
        assertThat(g.dlimits()).singleElement().satisfies(d -> {
            assertThat(d.complete()).isFalse();
            assertThat(d.reservedPercent()).isNull();
        });
        assertThat(g.warnings()).anyMatch(w -> w.message().contains("silently skips"));
    }

    @Test
    void markOnSecondLineStillMatches() {
        assertThat(reader.readGuest("mark1").init().bootMarked()).isTrue();
        assertThat(reader.readGuest("mark1").init().marks()).containsExactly("other", "default");
    }

    @Test
    void crlfMissingNewlineAndListRules() {
        GuestConfig crlf = reader.readGuest("crlf1");
        assertThat(crlf.context()).isEqualTo(40016);
        assertThat(crlf.nodename()).isEqualTo("crlf1");
        assertThat(crlf.warnings()).anyMatch(w -> w.path().equals("context") && w.message().contains("CRLF"));
        GuestConfig nonl = reader.readGuest("nonl1");
        assertThat(nonl.context()).isEqualTo(40017);
        assertThat(nonl.warnings()).anyMatch(w -> w.path().equals("context") && w.message().contains("no newline"));
        assertThat(nonl.cflags()).containsExactly("virt_mem", "hide_netif");
    }

    @Test
    void badContextsAndBinaryJunkAreWarningsNotExceptions() {
        assertThat(reader.readGuest("badctx1").context()).isNull();
        assertThat(reader.readGuest("badctx1").warnings()).anyMatch(w -> w.message().contains("octal"));
        assertThat(reader.readGuest("badctx2").context()).isNull();
        assertThat(reader.readGuest("badctx3").context()).isNull();
        assertThat(reader.readGuest("badctx3").nice()).isNull();
        assertThat(reader.readGuest("badctx3").warnings()).anyMatch(w -> w.path().equals("nice") && w.message().contains("binary"));
    }

    @Test
    void hugeFileIsBoundedAndOtherGuestsStillRead() throws IOException {
        Path big = root.resolve("big1");
        Files.createDirectories(big);
        Files.write(big.resolve("context"), new byte[10 * 1024 * 1024]);
        Files.writeString(big.resolve("nice"), "3\n");
        List<GuestConfig> all = reader.readAllGuests();
        GuestConfig g = all.stream().filter(x -> x.name().equals("big1")).findFirst().orElseThrow();
        assertThat(g.context()).isNull();
        assertThat(g.nice()).isEqualTo(3);
        assertThat(g.warnings()).anyMatch(w -> w.path().equals("context") && w.message().contains("only the first"));
        assertThat(all).extracting(GuestConfig::name).contains("web1", "octal1");
        assertThat(all.stream().filter(x -> x.name().equals("web1")).findFirst().orElseThrow().context()).isEqualTo(40001);
    }

    @Test
    void aDirectoryNestedTooDeepIsNamedInAWarningAndNotRead() throws IOException {
        Path deep = root.resolve("web1/apps");
        // apps is level 1: the entries of the deepest directory listed sit at level 12
        for (int level = 2; level < GuestTreeScanner.MAX_DEPTH; level++) {
            deep = deep.resolve("d" + level);
        }
        Files.createDirectories(deep.resolve("too-deep"));
        Files.writeString(deep.resolve("too-deep/file"), "x\n");
        Files.writeString(deep.resolve("last-level-file"), "y\n");
        String deepRel = root.resolve("web1").relativize(deep).toString();
        GuestConfig g = reader.readGuest("web1");
        assertThat(g.warnings())
                .contains(new ConfigWarning(deepRel + "/too-deep", "directory nested deeper than 12 levels, not read"));
        assertThat(g.manifest().fingerprints()).containsKey(deepRel + "/last-level-file")
                .doesNotContainKey(deepRel + "/too-deep/file");
        assertThat(g.context()).isEqualTo(40001);
    }

    @Test
    void aTreeOfMoreThanTenThousandEntriesIsCutWithAWarning() throws IOException {
        FixtureTree.fillBeyondTheEntryLimit(root.resolve("web1/apps/many"));
        GuestConfig g = reader.readGuest("web1");
        assertThat(g.warnings()).contains(new ConfigWarning("", "more than 10000 entries; the rest is not read"));
        assertThat(g.manifest().fingerprints()).hasSizeLessThanOrEqualTo(GuestTreeScanner.MAX_ENTRIES);
        // name order: what comes before apps/many is still read
        assertThat(g.manifest().fingerprints()).containsKey("apps/init/mark");
    }

    @Test
    void unreadableOrMisnamedGuestDirsAreWarnings() throws IOException {
        Files.createDirectories(root.resolve("Bad Name"));
        List<GuestConfig> all = reader.readAllGuests();
        assertThat(all).filteredOn(g -> g.name().equals("Bad Name")).singleElement()
                .satisfies(g -> assertThat(g.warnings()).anyMatch(w -> w.message().contains("guest-name rule")));
    }

    @Test
    void symlinksAreNeverFollowedWhenReading() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("nproc"), "77\n");
        Path g = root.resolve("link1");
        Files.createDirectories(g);
        Files.createSymbolicLink(g.resolve("rlimits"), outside);
        Files.createSymbolicLink(g.resolve("context"), outside.resolve("nproc"));
        GuestConfig c = reader.readGuest("link1");
        assertThat(c.rlimits()).isEmpty();
        assertThat(c.context()).isNull();
        assertThat(c.unknownFiles()).extracting(UnknownFile::type).containsOnly("symlink");
        assertThat(c.warnings()).anyMatch(w -> w.path().equals("context") && w.message().contains("symlink"));
        assertThatThrownBy(() -> reader.readFile("link1", "rlimits/nproc", 100)).isInstanceOf(UnsafePathException.class);
    }

    @Test
    void unknownFileContentOnRequest() throws IOException {
        Files.writeString(root.resolve("web1/shell"), "/bin/bash\n");
        GuestConfig g = reader.readGuest("web1");
        assertThat(g.unknownFiles()).containsExactly(new UnknownFile("shell", "file", 10, null));
        assertThat(reader.readFile("web1", "shell", 1000)).asString().isEqualTo("/bin/bash\n");
        assertThatThrownBy(() -> reader.readFile("web1", "../octal1/context", 100)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> reader.readGuest("../web1")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void digestIsStableAndSeesEveryChange() throws IOException {
        String d1 = reader.readGuest("web1").digest();
        assertThat(reader.readGuest("web1").digest()).isEqualTo(d1);
        Files.writeString(root.resolve("web1/.vsconsole-tmp-context-abc"), "junk");
        assertThat(reader.readGuest("web1").digest()).as("temp files are ignored").isEqualTo(d1);
        Files.writeString(root.resolve("web1/nice"), "6\n");
        assertThat(reader.readGuest("web1").digest()).isNotEqualTo(d1);
    }
}
