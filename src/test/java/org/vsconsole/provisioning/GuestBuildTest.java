package org.vsconsole.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vsconsole.provisioning.ProvisioningFixtures.FakeDriver;
import org.vsconsole.provisioning.ProvisioningFixtures.FakeDriver.Fail;
import org.vsconsole.provisioning.ProvisioningFixtures.RecordingJob;

/**
 * The build job: on success a complete guest with context.next moved on; on any failure (build,
 * start, cancel) neither a config dir nor a root dir remains, and the job's message says why.
 */
class GuestBuildTest {

    @TempDir
    Path dir;

    ProvisioningFixtures.Host host;
    FakeDriver driver = new FakeDriver();
    RecordingJob job = new RecordingJob();

    @BeforeEach
    void tree() throws IOException {
        host = new ProvisioningFixtures.Host(dir).guest("web1", 40000, "10.88.0.2");
    }

    GuestBuild build(CreateGuestRequest request) {
        ValidatedGuest guest = host.validator("10.88.0.0/24").validate(request);
        return new GuestBuild(guest, host.writer, driver, host.guestsRoot);
    }

    static CreateGuestRequest app1(boolean start) {
        return new CreateGuestRequest("app1", null, "example.com", null, null, null, null, null, start,
                Map.of("nproc", new CreateGuestRequest.Limit("100", null)));
    }

    @Test
    void successLeavesACompleteGuestAndAdvancesContextNext() throws Exception {
        build(app1(true)).run(job);

        var config = host.writer.reader().readGuest("app1");
        assertThat(config.context()).isEqualTo(40001);
        assertThat(config.interfaces()).singleElement().satisfies(i -> assertThat(i.ip()).isEqualTo("10.88.0.3"));
        assertThat(config.domainname()).isEqualTo("example.com");
        assertThat(Files.exists(host.guestsRoot.resolve("app1/bin/busybox"))).isTrue();
        assertThat(host.writer.reader().readDefaults().contextNext()).isEqualTo(40002);
        assertThat(driver.calls).containsExactly("build app1 SKELETON", "start app1");
        assertThat(job.log).contains("copied busybox").anyMatch(l -> l.contains("is ready and running"));
        assertThat(job.progress).last().isEqualTo(100);
    }

    @Test
    void contextNextNeverMovesBackwards() throws Exception {
        host.contextNext(45000);
        build(new CreateGuestRequest("app1", null, null, null, null, null, "40500", null, false, Map.of())).run(job);
        assertThat(host.writer.reader().readDefaults().contextNext()).isEqualTo(45000);
    }

    @ParameterizedTest
    @EnumSource(value = Fail.class, names = {"BUILD_BEFORE_ROOT", "BUILD_AFTER_ROOT", "START"})
    void anyFailureLeavesNeitherConfigNorRoot(Fail fail) throws Exception {
        driver.fail = fail;
        var before = host.entries();

        assertThatThrownBy(() -> build(app1(true)).run(job))
                .hasMessageContaining("Creating 'app1' failed")
                .hasMessageContaining(switch (fail) {
                    case BUILD_BEFORE_ROOT -> "mirror unreachable";
                    case BUILD_AFTER_ROOT -> "disk full half-way";
                    default -> "init exited";
                })
                .hasMessageContaining("everything it made was removed");

        assertThat(host.entries()).isEqualTo(before);
        assertThat(Files.exists(host.configRoot.resolve("app1"))).isFalse();
        assertThat(Files.exists(host.guestsRoot.resolve("app1"))).isFalse();
        assertThat(host.writer.reader().readDefaults().contextNext()).isNull();
        if (fail == Fail.START) {
            assertThat(driver.calls).contains("stop app1", "deleteRoot app1");
        }
    }

    @Test
    void aRootThatCannotBeRemovedIsNamedInTheMessageAndTheConfigIsStillRemoved() throws Exception {
        FakeDriver stubborn = new FakeDriver() {

            @Override
            public void deleteRoot(org.vsconsole.host.GuestSpec guest) {
                throw new org.vsconsole.host.HostOperationException("delete", guest.name(), "/proc is mounted inside");
            }
        };
        stubborn.fail = Fail.BUILD_AFTER_ROOT;
        ValidatedGuest guest = host.validator("10.88.0.0/24").validate(app1(false));
        GuestBuild build = new GuestBuild(guest, host.writer, stubborn, host.guestsRoot);

        assertThatThrownBy(() -> build.run(job))
                .hasMessageContaining("could not remove the root tree")
                .hasMessageContaining("/proc is mounted inside")
                .hasMessageContaining("remove by hand");
        assertThat(Files.exists(host.configRoot.resolve("app1"))).isFalse();
    }

    @Test
    void cancelBeforeTheBuildRemovesTheConfigAndEndsCancelled() throws Exception {
        job.cancel = true;
        assertThatThrownBy(() -> build(app1(false)).run(job)).isInstanceOf(CancellationException.class)
                .hasMessageContaining("cancelled");
        assertThat(driver.calls).isEmpty();
        assertThat(Files.exists(host.configRoot.resolve("app1"))).isFalse();
    }

    @Test
    void aRootDirThatAppearsAfterValidationIsNeverBuiltIntoNorDeleted() throws Exception {
        GuestBuild build = build(app1(false));
        Files.createDirectories(host.guestsRoot.resolve("app1/precious"));

        assertThatThrownBy(() -> build.run(job)).hasMessageContaining("left alone");
        assertThat(Files.exists(host.guestsRoot.resolve("app1/precious"))).isTrue();
        assertThat(Files.exists(host.configRoot.resolve("app1"))).isFalse();
        assertThat(driver.calls).isEmpty();
    }

    @Test
    void aGuestMadeByHandMeanwhileWithTheSameAddressMakesTheJobFailCleanly() throws Exception {
        GuestBuild build = build(app1(false));
        host.guest("sneaky", 40100, "10.88.0.3");

        assertThatThrownBy(() -> build.run(job)).hasMessageContaining("guest 'sneaky'");
        assertThat(Files.exists(host.configRoot.resolve("app1"))).isFalse();
        assertThat(driver.calls).isEmpty();
    }
}
