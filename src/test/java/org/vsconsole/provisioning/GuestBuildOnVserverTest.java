package org.vsconsole.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.vserver.CommandTimeouts;
import org.vsconsole.host.vserver.FakeUtilVserver;
import org.vsconsole.host.vserver.VserverDriver;
import org.vsconsole.provisioning.ProvisioningFixtures.RecordingJob;

/**
 * Creation through the vserver driver and the fake util-vserver tools, which refuse to build when
 * the config dir exists, as the real {@code vserver NAME build} does: the build must run first and
 * the console's files are added to the directory it made.
 */
class GuestBuildOnVserverTest {

    @TempDir
    Path dir;

    ProvisioningFixtures.Host host;
    FakeUtilVserver fake;
    VserverDriver driver;
    RecordingJob job = new RecordingJob();

    @BeforeEach
    void setUp() throws Exception {
        // One temp dir for both: the fake tools write only inside their own home.
        host = new ProvisioningFixtures.Host(dir).guest("web1", 40000, "10.88.0.2");
        fake = new FakeUtilVserver(dir);
        Files.writeString(dir.resolve("mountinfo"), ""); // nothing mounted: the root may be removed
        driver = fake.driver(CommandTimeouts.all(Duration.ofSeconds(20)));
    }

    GuestBuild build(boolean start) {
        ValidatedGuest guest = host.validator("10.88.0.0/24").validate(GuestBuildTest.app1(start));
        return new GuestBuild(guest, host.writer, driver, host.guestsRoot);
    }

    @Test
    void theBuildMakesTheConfigDirectoryAndTheConsoleAddsItsFilesToIt() throws Exception {
        build(true).run(job);

        List<String> buildCall = fake.calls().getFirst();
        assertThat(buildCall).containsSubsequence("vserver", "--", "app1", "build", "-m", "skeleton",
                "--confdir", host.configRoot.resolve("app1").toString(), "--interface", "eth0:10.88.0.3/24", "--");
        assertThat(fake.calls()).extracting(call -> call.get(3)).containsExactly("build", "start", "status");
        var config = host.writer.reader().readGuest("app1");
        assertThat(config.context()).isEqualTo(40001);
        assertThat(config.domainname()).isEqualTo("example.com");
        assertThat(config.rlimits().get("nproc").effective().hard()).isEqualTo(100);
        assertThat(config.interfaces()).singleElement().satisfies(i -> {
            assertThat(i.ip()).isEqualTo("10.88.0.3");
            assertThat(i.dev()).isEqualTo("eth0");
        });
        // What the build wrote and the console does not own stays.
        Path configDir = host.configRoot.resolve("app1");
        assertThat(configDir.resolve("name")).hasContent("app1");
        assertThat(Files.isSymbolicLink(configDir.resolve("cache"))).isTrue();
        assertThat(Files.readSymbolicLink(configDir.resolve("vdir"))).isEqualTo(host.guestsRoot.resolve("app1"));
        assertThat(host.guestsRoot.resolve("app1/etc")).isDirectory();
        assertThat(host.writer.reader().readDefaults().contextNext()).isEqualTo(40002);
        assertThat(job.log).anyMatch(l -> l.contains("is ready and running"));
        assertThat(job.progress).isSorted().last().isEqualTo(100);
    }

    @Test
    void aFailedStartRemovesTheConfigDirectoryTheBuildMadeAndTheRoot() throws Exception {
        fake.failWith("vserver.start", 1, "init exited with status 1");
        List<String> before = host.entries();

        assertThatThrownBy(() -> build(true).run(job)).hasMessageContaining("Creating 'app1' failed")
                .hasMessageContaining("everything it made was removed");

        assertThat(host.entries()).isEqualTo(before);
        assertThat(host.writer.reader().readDefaults().contextNext()).isNull();
    }

    @Test
    void aFailedBuildLeavesNothingBehind() throws Exception {
        fake.failWith("vserver.build", 1, "debootstrap: mirror unreachable");
        List<String> before = host.entries();

        assertThatThrownBy(() -> build(false).run(job)).hasMessageContaining("mirror unreachable");

        assertThat(host.entries()).isEqualTo(before);
    }

    @Test
    void watchersOfTheTreeAreToldTheBuildIsTheConsolesFromBeforeItStartsUntilTheUndoEnded() throws Exception {
        List<String> events = new java.util.ArrayList<>();
        Path configDir = host.configRoot.resolve("app1");
        host.writer.addListener(new org.vsconsole.host.config.ConfigWriteListener() {

            @Override
            public void written(String guest, org.vsconsole.host.config.GuestConfig after) {
                events.add("written");
            }

            @Override
            public void created(String guest, org.vsconsole.host.config.GuestConfig after) {
                events.add("created");
            }

            @Override
            public void deleted(String guest) {
                events.add("deleted");
            }

            @Override
            public void buildStarting(String guest) {
                events.add("buildStarting " + guest + (Files.exists(configDir) ? " (dir exists)" : ""));
            }

            @Override
            public void buildEnded(String guest) {
                events.add("buildEnded " + guest + (Files.exists(configDir) ? " (dir exists)" : ""));
            }
        });
        fake.failWith("vserver.start", 1, "init exited with status 1");

        assertThatThrownBy(() -> build(true).run(job)).hasMessageContaining("init exited");

        assertThat(events).containsExactly("buildStarting app1", "created", "deleted", "buildEnded app1");
    }

    @Test
    void aConfigDirectoryMadeByHandAfterValidationIsNeverBuiltIntoNorDeleted() throws Exception {
        GuestBuild build = build(false);
        Files.createDirectories(host.configRoot.resolve("app1/precious"));

        assertThatThrownBy(() -> build.run(job)).hasMessageContaining("left alone");

        assertThat(host.configRoot.resolve("app1/precious")).isDirectory();
        assertThat(fake.calls()).isEmpty();
    }
}
