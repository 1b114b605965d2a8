package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.config.GuestConfigReader;

/** The agent's own check of what a build may do on the host, whatever the web tier sent. */
class AgentBuildCheckTest {

    @TempDir
    Path temp;

    FakeVserverAgentBed bed;
    AgentBuildCheck check;

    @BeforeEach
    void setUp() throws Exception {
        bed = new FakeVserverAgentBed(temp);
        bed.guest("web2", 40002, bed.guestsRoot.resolve("web2"));
        check = new AgentBuildCheck(new AgentGuests(GuestConfigReader.cached(bed.configRoot), bed.guestsRoot, bed.driver));
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    private BuildRequest build(String request) {
        AgentRequest r = AgentRequest.parse(("{\"v\":1,\"id\":1,\"op\":\"buildRoot\",\"request\":" + request + "}")
                .getBytes(StandardCharsets.UTF_8));
        return check.request(r.object("request"), "web1");
    }

    @Test
    void theRequestsTheWizardMakesPass() {
        assertThat(build("{\"method\":\"SKELETON\"}")).isEqualTo(BuildRequest.skeleton());
        assertThat(build("{\"method\":\"CLONE\",\"source\":\"web2\"}").source()).isEqualTo("web2");
        BuildRequest debian = build("{\"method\":\"DEBOOTSTRAP\",\"dist\":\"bookworm\",\"mirror\":\"http://deb.debian.org/debian\","
                + "\"setup\":{\"rootPasswordHash\":\"$6$salt$abcDEF./123\",\"sshKeys\":[\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@x\"],"
                + "\"packages\":[\"openssh-server\"],\"postInstall\":\"echo hi\\nexit 0\"}}");
        assertThat(debian.dist()).isEqualTo("bookworm");
        assertThat(debian.setup().packages()).containsExactly("openssh-server");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("{\"method\":\"SHELL\"}", "request.method"),
                Arguments.of("{\"method\":\"SKELETON\",\"rootDir\":\"/\"}", "request.rootDir"),
                Arguments.of("{\"method\":\"CLONE\",\"source\":\"web1\"}", "request.source"),
                Arguments.of("{\"method\":\"CLONE\",\"source\":\"ghost\"}", "request.source"),
                Arguments.of("{\"method\":\"CLONE\",\"source\":\"../web2\"}", "request.source"),
                Arguments.of("{\"method\":\"DEBOOTSTRAP\",\"dist\":\"--foreign\"}", "request.dist"),
                Arguments.of("{\"method\":\"DEBOOTSTRAP\",\"dist\":\"warty\"}", "request.dist"),
                Arguments.of("{\"method\":\"DEBOOTSTRAP\",\"dist\":\"bookworm\",\"mirror\":\"file:///etc\"}", "request.mirror"),
                Arguments.of("{\"method\":\"SKELETON\",\"setup\":{\"packages\":[\"less\"]}}", "request.setup.packages"),
                Arguments.of("{\"method\":\"DEBOOTSTRAP\",\"dist\":\"bookworm\",\"setup\":{\"packages\":[\"-o=Dpkg::x\"]}}",
                        "request.setup.packages"),
                Arguments.of("{\"method\":\"SKELETON\",\"setup\":{\"rootPasswordHash\":\"x:0:0\"}}", "request.setup.rootPasswordHash"),
                Arguments.of("{\"method\":\"SKELETON\",\"setup\":{\"sshKeys\":[\"ssh-ed25519 AAAA\\nroot::0:0\"]}}",
                        "request.setup.sshKeys"),
                Arguments.of("{\"method\":\"SKELETON\",\"setup\":{\"postInstall\":\"a\\u0000b\"}}", "request.setup.postInstall"),
                Arguments.of("{\"method\":\"SKELETON\",\"setup\":{\"shell\":\"id\"}}", "request.setup.shell"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("refused")
    void aBuildOutsideTheRulesIsRefusedNamingTheField(String request, String field) {
        assertThatThrownBy(() -> build(request)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }
}
