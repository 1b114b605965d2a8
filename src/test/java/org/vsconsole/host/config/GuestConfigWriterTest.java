package org.vsconsole.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.ConfigChange.AddInterface;
import org.vsconsole.host.config.ConfigChange.RemoveDiskLimit;
import org.vsconsole.host.config.ConfigChange.RemoveInterface;
import org.vsconsole.host.config.ConfigChange.RemoveLimit;
import org.vsconsole.host.config.ConfigChange.SetBootMark;
import org.vsconsole.host.config.ConfigChange.SetContext;
import org.vsconsole.host.config.ConfigChange.SetDisabled;
import org.vsconsole.host.config.ConfigChange.SetDiskLimit;
import org.vsconsole.host.config.ConfigChange.SetInterface;
import org.vsconsole.host.config.ConfigChange.SetLimit;
import org.vsconsole.host.config.ConfigChange.SetTmpSize;
import org.vsconsole.host.config.ConfigChange.SetUts;

class GuestConfigWriterTest {

    @TempDir
    Path tmp;
    Path root;
    Path guests;
    GuestConfigWriter writer;
    GuestConfigReader reader;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("etc-vservers"));
        guests = Files.createDirectories(tmp.resolve("vservers"));
        FixtureTree.buildReference(root);
        Files.writeString(root.resolve("web1/shell"), "/bin/zsh\n");
        Files.createDirectories(root.resolve("web1/apps/vunify"));
        Files.write(root.resolve("web1/apps/vunify/exclude"), new byte[]{1, 2, 3, 0, 10});
        writer = new GuestConfigWriter(root, guests);
        reader = writer.reader();
    }

    private GuestConfig web1() {
        return reader.readGuest("web1");
    }

    /** Applies a change and checks that only {@code expectedChanged} differ afterwards. */
    private GuestConfig applyAndCheck(ConfigChange change, String... expectedChanged) throws IOException {
        Map<String, String> before = FixtureTree.snapshot(root.resolve("web1"));
        GuestConfig basis = web1();
        GuestConfig after = writer.apply(basis, change);
        Map<String, String> now = FixtureTree.snapshot(root.resolve("web1"));
        java.util.Set<String> changed = new java.util.TreeSet<>();
        for (String k : before.keySet()) {
            if (!before.get(k).equals(now.get(k))) {
                changed.add(k);
            }
        }
        for (String k : now.keySet()) {
            if (!before.containsKey(k)) {
                changed.add(k);
            }
        }
        assertThat(changed).containsExactlyInAnyOrder(expectedChanged);
        assertThat(after).isEqualTo(web1());
        assertThat(now).doesNotContainKeys(now.keySet().stream().filter(k -> k.contains(".vsconsole-")).toArray(String[]::new));
        return after;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p);
    }

    @Test
    void roundTripWithoutChangeKeepsEverything() throws IOException {
        GuestConfig a = web1();
        GuestConfig b = applyAndCheck(new SetContext(40001));
        assertThat(b).isEqualTo(a);
        assertThat(b.digest()).isEqualTo(a.digest());
        applyAndCheck(new SetBootMark(true));
        applyAndCheck(new SetTmpSize("16m"));
    }

    @Test
    void limits() throws IOException {
        GuestConfig g = applyAndCheck(new SetLimit("nproc", LimitPart.PLAIN, 300), "rlimits/nproc");
        assertThat(read(root.resolve("web1/rlimits/nproc"))).isEqualTo("300\n");
        assertThat(g.rlimits().get("nproc").plain()).isEqualTo(300);
        assertThatThrownBy(() -> writer.apply(web1(), new SetLimit("rss", LimitPart.SOFT, LimitValues.UNLIMITED)))
                .isInstanceOf(InvalidInputException.class);
        applyAndCheck(new SetLimit("rss", LimitPart.HARD, LimitValues.UNLIMITED), "rlimits/rss.hard");
        assertThat(read(root.resolve("web1/rlimits/rss.hard"))).isEqualTo("inf\n");
        applyAndCheck(new SetLimit("nsock", LimitPart.SOFT, 10), "rlimits/nsock.soft");
        applyAndCheck(new RemoveLimit("as", LimitPart.PLAIN), "rlimits/as");
        assertThat(root.resolve("web1/rlimits/as")).doesNotExist();
        applyAndCheck(new SetLimit("rss", LimitPart.SOFT, LimitValues.UNLIMITED), "rlimits/rss.soft");
    }

    @Test
    void softAboveHardIsRefused() throws IOException {
        assertThatThrownBy(() -> writer.apply(web1(), new SetLimit("rss", LimitPart.SOFT, 300000)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exceeds hard");
        assertThatThrownBy(() -> writer.apply(web1(), new SetLimit("../../etc/passwd", LimitPart.PLAIN, 1)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> writer.apply(web1(), new SetLimit("nproc", LimitPart.PLAIN, -5)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void interfaces() throws IOException {
        applyAndCheck(new SetInterface("0", new InterfaceSpec("192.0.2.11", 25, "eth1", "web1b", false)),
                "interfaces/0/ip", "interfaces/0/prefix", "interfaces/0/dev", "interfaces/0/name");
        GuestConfig g = applyAndCheck(new AddInterface(new InterfaceSpec("2001:db8::5", 64, null, null, true)),
                "interfaces/2/ip", "interfaces/2/prefix", "interfaces/2/nodev");
        assertThat(g.interfaceById("2")).isEqualTo(new InterfaceEntry("2", "2001:db8::5", null, 64, null, null, true, false));
        applyAndCheck(new SetInterface("1", new InterfaceSpec("198.51.100.8", 32, null, null, true)),
                "interfaces/1/ip", "interfaces/1/prefix", "interfaces/1/mask");
        applyAndCheck(new RemoveInterface("2"), "interfaces/2/ip", "interfaces/2/prefix", "interfaces/2/nodev");
        assertThat(root.resolve("web1/interfaces/2")).doesNotExist();
        assertThatThrownBy(() -> writer.apply(web1(), new SetInterface("9", new InterfaceSpec("192.0.2.99", 24, "eth0", null, false))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> writer.apply(web1(), new AddInterface(new InterfaceSpec("192.0.2.1", 24, "-eth0", null, false))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> writer.apply(web1(), new AddInterface(new InterfaceSpec("192.0.2.1", 33, "eth0", null, false))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> writer.apply(web1(), new RemoveInterface("../../x"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void specialAddressesAreRefusedOnEveryWritePathAndNothingIsWritten() throws IOException {
        List<String> before;
        try (var files = java.nio.file.Files.walk(root)) {
            before = files.map(Path::toString).sorted().toList();
        }
        for (InterfaceSpec special : List.of(new InterfaceSpec("192.0.2.0", 24, "eth0", null, false),
                new InterfaceSpec("192.0.2.255", 24, "eth0", null, false), new InterfaceSpec("127.0.0.2", 8, "eth0", null, false),
                new InterfaceSpec("224.0.0.251", 24, "eth0", null, false), new InterfaceSpec("fe80::2", 64, "eth0", null, false))) {
            assertThatThrownBy(() -> writer.apply(web1(), new AddInterface(special))).as(special.ip())
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("ip"));
            assertThatThrownBy(() -> writer.createGuest(new NewGuest("sp1", 40090, "sp1", null, List.of(special), null, false,
                    Map.of()))).as(special.ip()).isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be a guest's");
        }
        try (var files = java.nio.file.Files.walk(root)) {
            assertThat(files.map(Path::toString).sorted().toList()).isEqualTo(before);
        }
    }

    @Test
    void addressAndContextMustBeUniqueAcrossGuests() throws IOException {
        writer.createGuest(new NewGuest("db1", 40002, "db1", null,
                List.of(new InterfaceSpec("192.0.2.20", 24, "eth0", null, false)), null, false, Map.of()));
        assertThatThrownBy(() -> writer.apply(web1(), new AddInterface(new InterfaceSpec("192.0.2.20", 24, "eth0", null, false))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("db1");
        assertThatThrownBy(() -> writer.apply(web1(), new SetContext(40002)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("db1");
        assertThatThrownBy(() -> HostGrammar.requireContextFree(40001, "db1", reader))
                .hasMessageContaining("web1");
        assertThatThrownBy(() -> HostGrammar.requireAddressFree(HostGrammar.ipAddress("198.51.100.7"), "db1", null, reader))
                .hasMessageContaining("web1");
        applyAndCheck(new SetContext(40005), "context");
    }

    @Test
    void bootMarkKeepsOtherMarks() throws IOException {
        Files.writeString(root.resolve("web1/apps/init/mark"), "night\ndefault\n");
        applyAndCheck(new SetBootMark(false), "apps/init/mark");
        assertThat(read(root.resolve("web1/apps/init/mark"))).isEqualTo("night\n");
        applyAndCheck(new SetBootMark(true), "apps/init/mark");
        assertThat(read(root.resolve("web1/apps/init/mark"))).isEqualTo("night\ndefault\n");
        Files.writeString(root.resolve("web1/apps/init/mark"), "default\n");
        applyAndCheck(new SetBootMark(false), "apps/init/mark");
        assertThat(root.resolve("web1/apps/init/mark")).doesNotExist();
    }

    @Test
    void tmpSizeRewritesOnlyTheTmpLine() throws IOException {
        List<String> before = Files.readAllLines(root.resolve("web1/fstab"));
        applyAndCheck(new SetTmpSize("256m"), "fstab");
        List<String> after = Files.readAllLines(root.resolve("web1/fstab"));
        assertThat(after.get(1)).isEqualTo("none\t/tmp\t\ttmpfs\tsize=256m,mode=1777\t0 0");
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.subList(2, 4)).isEqualTo(before.subList(2, 4));
        assertThat(web1().tmpSize()).isEqualTo("256m");
        assertThatThrownBy(() -> writer.apply(web1(), new SetTmpSize("16m,mode=777"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void utsDiskLimitsDisabled() throws IOException {
        applyAndCheck(new SetUts("www", null), "uts/nodename", "uts/domainname");
        assertThat(web1().domainname()).isNull();
        applyAndCheck(new SetUts("www", "example.org"), "uts/domainname");
        applyAndCheck(new SetDiskLimit("root", "/vservers/web1", 20971520, 2000000, 5),
                "dlimits/root/space_total", "dlimits/root/inodes_total");
        applyAndCheck(new SetDiskLimit("data", guests.resolve("web1/srv").toString(), 1, 2, 0),
                "dlimits/data/directory", "dlimits/data/space_total", "dlimits/data/inodes_total", "dlimits/data/reserved");
        assertThatThrownBy(() -> writer.apply(web1(), new SetDiskLimit("x", "/etc", 1, 1, 0)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> writer.apply(web1(), new SetDiskLimit("x", "/vservers/web1", 1, 1, 101)))
                .isInstanceOf(InvalidInputException.class);
        applyAndCheck(new RemoveDiskLimit("data"), "dlimits/data/directory", "dlimits/data/space_total",
                "dlimits/data/inodes_total", "dlimits/data/reserved");
        applyAndCheck(new SetDisabled(true), "disabled");
        assertThat(web1().disabled()).isTrue();
        applyAndCheck(new SetDisabled(false), "disabled");
    }

    @Test
    void staleDigestConflictsAndNamesTheFiles() throws IOException {
        GuestConfig basis = web1();
        Files.writeString(root.resolve("web1/nice"), "10\n"); // hand edit between read and write
        Files.writeString(root.resolve("web1/rlimits/locks"), "5\n");
        assertThatThrownBy(() -> writer.apply(basis, new SetLimit("nproc", LimitPart.PLAIN, 1)))
                .isInstanceOfSatisfying(ConfigConflictException.class,
                        e -> assertThat(e.changedPaths()).containsExactly("nice", "rlimits/locks"));
        assertThat(read(root.resolve("web1/rlimits/nproc"))).isEqualTo("150\n");
        assertThatThrownBy(() -> writer.apply("web1", basis.digest(), new SetDisabled(true)))
                .isInstanceOf(ConfigConflictException.class);
        assertThatThrownBy(() -> writer.deleteGuest("web1", basis.digest())).isInstanceOf(ConfigConflictException.class);
        assertThat(root.resolve("web1/disabled")).doesNotExist();
        writer.apply("web1", web1().digest(), new SetDisabled(true));
        assertThat(root.resolve("web1/disabled")).exists();
    }

    @Test
    void plantedSymlinksAreNeverWrittenThrough() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside-etc"));
        Files.writeString(outside.resolve("nproc"), "original\n");
        Map<String, String> outsideBefore = FixtureTree.snapshot(outside);
        // rlimits -> /etc style plant
        Path rl = root.resolve("web1/rlimits");
        Files.move(rl, tmp.resolve("saved-rlimits"));
        Files.createSymbolicLink(rl, outside);
        assertThatThrownBy(() -> writer.apply(web1(), new SetLimit("nproc", LimitPart.PLAIN, 5)))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("symlink");
        // interfaces/0 -> outside: not read as an entry, and a new entry goes elsewhere
        Path if0 = root.resolve("web1/interfaces/0");
        Files.move(if0, tmp.resolve("saved-if0"));
        Files.createSymbolicLink(if0, outside);
        GuestConfig g = web1();
        assertThat(g.interfaceById("0")).isNull();
        assertThat(writer.apply(g, new AddInterface(new InterfaceSpec("192.0.2.77", 24, "eth0", null, false)))
                .interfaceById("2")).isNotNull();
        // the whole interfaces dir -> outside
        Path ifs = root.resolve("web1/interfaces");
        Files.move(ifs, tmp.resolve("saved-ifs"));
        Files.createSymbolicLink(ifs, outside);
        assertThatThrownBy(() -> writer.apply(web1(), new AddInterface(new InterfaceSpec("192.0.2.78", 24, "eth0", null, false))))
                .isInstanceOf(UnsafePathException.class);
        // a symlink in place of a file
        Files.move(root.resolve("web1/context"), tmp.resolve("saved-context"));
        Files.createSymbolicLink(root.resolve("web1/context"), outside.resolve("nproc"));
        assertThatThrownBy(() -> writer.apply(web1(), new SetContext(40009))).isInstanceOf(UnsafePathException.class);
        assertThat(FixtureTree.snapshot(outside)).isEqualTo(outsideBefore);
        // delete of the guest removes the links, never their targets
        writer.deleteGuest("web1", web1().digest());
        assertThat(root.resolve("web1")).doesNotExist();
        assertThat(FixtureTree.snapshot(outside)).isEqualTo(outsideBefore);
    }

    @Test
    void symlinkedGuestDirIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("evil"), tmp.resolve("vservers"));
        assertThatThrownBy(() -> writer.apply("evil", "x", new SetDisabled(true))).isInstanceOf(UnsafePathException.class);
        assertThat(reader.listGuestNames()).doesNotContain("evil");
    }

    @Test
    void createGuestAtomicallyAndRefuseExisting() throws IOException {
        GuestConfig g = writer.createGuest(new NewGuest("app1", 40010, "app1", "example.com",
                List.of(new InterfaceSpec("192.0.2.30", 24, "eth0", "app1", false),
                        new InterfaceSpec("2001:db8::30", 64, null, null, true)),
                null, true, Map.of("nproc", LimitValues.both(200), "rss", new LimitValues(1000, 2000))));
        assertThat(g.context()).isEqualTo(40010);
        assertThat(g.vdirTarget()).isEqualTo(guests.resolve("app1").toString());
        assertThat(g.tmpSize()).isEqualTo("16m");
        assertThat(g.fstab()).extracting(FstabEntry::mountPoint).containsExactly("/proc", "/tmp", "/dev/pts");
        assertThat(g.fstab().get(1).options()).isEqualTo("size=16m,mode=1777");
        assertThat(g.init().bootMarked()).isTrue();
        assertThat(g.interfaces()).hasSize(2);
        assertThat(g.rlimits().get("nproc")).isEqualTo(new LimitSetting(200L, null, null, null));
        assertThat(g.rlimits().get("rss")).isEqualTo(new LimitSetting(null, 1000L, 2000L, null));
        assertThat(g.nodename()).isEqualTo("app1");
        assertThat(g.warnings()).isEmpty();
        assertThatThrownBy(() -> writer.createGuest(new NewGuest("app1", 40011, "x", null, List.of(), null, false, Map.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exists");
        assertThatThrownBy(() -> writer.createGuest(new NewGuest("app2", 40010, "x", null, List.of(), null, false, Map.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("app1");
        assertThatThrownBy(() -> writer.createGuest(new NewGuest("app3", 40012, "x", null,
                List.of(new InterfaceSpec("192.0.2.10", 24, "eth0", null, false)), null, false, Map.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("web1");
        assertThatThrownBy(() -> writer.createGuest(new NewGuest("../app4", 40013, "x", null, List.of(), null, false, Map.of())))
                .isInstanceOf(InvalidInputException.class);
        assertThat(root.resolve("app2")).doesNotExist();
        assertThat(root.resolve("app3")).doesNotExist();
        try (var s = Files.list(root)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".vsconsole-"));
        }
    }

    @Test
    void contextNextAndCleanup() throws IOException {
        writer.setContextNext(40004);
        assertThat(reader.readDefaults().contextNext()).isEqualTo(40004);
        assertThatThrownBy(() -> writer.setContextNext(60000)).isInstanceOf(InvalidInputException.class);
        Files.writeString(root.resolve("web1/rlimits/.vsconsole-tmp-nproc-1234"), "12");
        Files.createDirectories(root.resolve(".vsconsole-new-app9-99/uts"));
        Files.createDirectories(root.resolve(".vsconsole-del-old-98"));
        Files.createSymbolicLink(root.resolve(".vsconsole-del-old-98/link"), tmp.resolve("vservers"));
        String digest = web1().digest();
        assertThat(writer.removeStaleStagingFiles()).containsExactlyInAnyOrder("web1/rlimits/.vsconsole-tmp-nproc-1234",
                ".vsconsole-new-app9-99", ".vsconsole-del-old-98");
        assertThat(web1().digest()).isEqualTo(digest);
        assertThat(tmp.resolve("vservers")).isDirectory();
    }

    @Test
    void unknownFilesAreUntouchedByteForByte() throws IOException {
        byte[] exclude = Files.readAllBytes(root.resolve("web1/apps/vunify/exclude"));
        for (ConfigChange c : List.of(new SetLimit("nproc", LimitPart.PLAIN, 1), new SetDisabled(true),
                new SetUts("a", "b.c"), new SetTmpSize("1g"), new SetBootMark(false))) {
            writer.apply(web1(), c);
        }
        assertThat(Files.readAllBytes(root.resolve("web1/apps/vunify/exclude"))).isEqualTo(exclude);
        assertThat(read(root.resolve("web1/shell"))).isEqualTo("/bin/zsh\n");
        assertThat(read(root.resolve("web1/scripts/pre-start"))).startsWith("#!/bin/sh");
        assertThat(web1().unknownFiles()).extracting(UnknownFile::path).containsExactly("apps/vunify/exclude", "shell");
    }

    @Test
    void aNewGuestsDirectoryAppearsOnlyWhileItsListenersHoldItAsTheConsolesOwn() throws IOException {
        List<String> told = new java.util.ArrayList<>();
        writer.addListener(new ConfigWriteListener() {

            @Override
            public void written(String guest, GuestConfig after) {
            }

            @Override
            public void created(String guest, GuestConfig after) {
                told.add("created, on disk " + Files.isDirectory(root.resolve(guest)));
            }

            @Override
            public void deleted(String guest) {
            }

            @Override
            public void buildStarting(String guest) {
                told.add("starting, on disk " + Files.isDirectory(root.resolve(guest)));
            }

            @Override
            public void buildEnded(String guest) {
                told.add("ended, on disk " + Files.isDirectory(root.resolve(guest)));
            }
        });

        writer.createGuest(new NewGuest("held1", 40077, "held1", null, List.of(), null, false, Map.of()));

        // a tree watcher that reconciles between the rename and created() would take it for a hand-made guest
        assertThat(told).containsExactly("starting, on disk false", "created, on disk true", "ended, on disk true");
    }
}
