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

/** The console's files added to a config dir that {@code vserver NAME build} made. */
class GuestConfigWriterBuiltGuestTest {

    @TempDir
    Path tmp;
    Path root;
    Path guests;
    GuestConfigWriter writer;
    Path app1;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("etc-vservers"));
        guests = Files.createDirectories(tmp.resolve("vservers"));
        writer = new GuestConfigWriter(root, guests);
        writer.createGuest(new NewGuest("web1", 40001, "web1", null,
                List.of(new InterfaceSpec("192.0.2.10", 24, "eth0", null, false)), null, false, Map.of()));
        app1 = builtBy(guests.resolve("app1"));
    }

    /** What vserver-build writes (reference §1.4, §1.10), with values that differ from the console's. */
    Path builtBy(Path vdirTarget) throws IOException {
        Path dir = Files.createDirectories(root.resolve("app1"));
        Files.createDirectories(dir.resolve("apps/init"));
        Files.createDirectories(dir.resolve("interfaces/0"));
        Files.writeString(dir.resolve("name"), "app1\n");
        Files.writeString(dir.resolve("context"), "40999\n");
        Files.writeString(dir.resolve("fstab"), "none /tmp tmpfs size=32m,mode=1777 0 0\n");
        Files.writeString(dir.resolve("apps/init/mtab"), "/dev/hdv1 / ufs defaults 0 0\n");
        Files.writeString(dir.resolve("interfaces/0/ip"), "192.0.2.30\n");
        Files.writeString(dir.resolve("interfaces/0/dev"), "eth0\n");
        Files.writeString(dir.resolve("interfaces/0/prefix"), "24\n");
        Files.createSymbolicLink(dir.resolve("cache"), Path.of("/var/cache/vservers/app1"));
        if (vdirTarget != null) {
            Files.createSymbolicLink(dir.resolve("vdir"), vdirTarget);
        }
        return dir;
    }

    NewGuest app1(String ip) {
        return new NewGuest("app1", 40010, "app1", "example.com", List.of(new InterfaceSpec(ip, 24, "eth0", null, false)),
                null, false, Map.of("nproc", LimitValues.both(200)));
    }

    @Test
    void writesTheConsolesFilesAndKeepsWhatOnlyTheBuildWrote() throws IOException {
        GuestConfig g = writer.completeBuiltGuest(app1("192.0.2.30"));

        assertThat(g.context()).isEqualTo(40010);
        assertThat(g.domainname()).isEqualTo("example.com");
        assertThat(g.tmpSize()).isEqualTo("16m");
        assertThat(g.rlimits().get("nproc")).isEqualTo(new LimitSetting(200L, null, null, null));
        assertThat(g.interfaces()).singleElement().satisfies(i -> assertThat(i.ip()).isEqualTo("192.0.2.30"));
        assertThat(app1.resolve("name")).hasContent("app1");
        assertThat(app1.resolve("apps/init/mtab")).hasContent("/dev/hdv1 / ufs defaults 0 0");
        assertThat(Files.readSymbolicLink(app1.resolve("cache"))).isEqualTo(Path.of("/var/cache/vservers/app1"));
        assertThat(Files.readSymbolicLink(app1.resolve("vdir"))).isEqualTo(guests.resolve("app1"));
        try (var s = Files.walk(app1)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(StagingNames::isStaging);
        }
    }

    @Test
    void aMissingVdirIsMadeForTheGuestsRoot() throws IOException {
        writer.deleteGuest("app1", writer.reader().readGuest("app1").digest());
        builtBy(null);

        GuestConfig g = writer.completeBuiltGuest(app1("192.0.2.30"));

        assertThat(g.vdirTarget()).isEqualTo(guests.resolve("app1").toString());
    }

    @Test
    void aVdirNamingAnotherRootIsRefusedBeforeAnythingIsWritten() throws IOException {
        writer.deleteGuest("app1", writer.reader().readGuest("app1").digest());
        builtBy(tmp.resolve("elsewhere/app1"));

        assertThatThrownBy(() -> writer.completeBuiltGuest(app1("192.0.2.30"))).hasMessageContaining("elsewhere");
        assertThat(app1.resolve("context")).hasContent("40999");
    }

    @Test
    void anAddressOrContextOfAnotherGuestIsRefusedButTheGuestsOwnAreNot() throws IOException {
        assertThatThrownBy(() -> writer.completeBuiltGuest(app1("192.0.2.10")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("web1");
        NewGuest sameContext = new NewGuest("app1", 40001, "app1", null, List.of(), null, false, Map.of());
        assertThatThrownBy(() -> writer.completeBuiltGuest(sameContext))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("web1");
        assertThat(app1.resolve("context")).hasContent("40999");
    }

    @Test
    void aGuestTheBuildDidNotMakeIsRefused() {
        NewGuest missing = new NewGuest("app2", 40011, "app2", null, List.of(), null, false, Map.of());

        assertThatThrownBy(() -> writer.completeBuiltGuest(missing)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no guest 'app2'");
    }
}
