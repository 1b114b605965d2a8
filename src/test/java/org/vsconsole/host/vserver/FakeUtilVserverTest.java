package org.vsconsole.host.vserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;

/**
 * The fake {@code vserver NAME build} behaves as the reference says the real one does (§4.2):
 * it refuses an existing config dir or a non-empty root, and otherwise makes both, so a console
 * that writes the config dir before building fails here as it would on a real host.
 */
class FakeUtilVserverTest {

    static final String REFUSAL = "exist already; please try to use '--force', or remove them manually.";

    @TempDir
    Path temp;

    FakeUtilVserver fake;
    VserverDriver driver;
    Path configRoot;
    Path guestsRoot;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeUtilVserver(temp);
        driver = fake.driver(CommandTimeouts.all(Duration.ofSeconds(20)));
        configRoot = Files.createDirectories(temp.resolve("etc/vservers"));
        guestsRoot = Files.createDirectories(temp.resolve("var/lib/vservers"));
    }

    GuestSpec web1() {
        return new GuestSpec("web1", 40001, configRoot.resolve("web1"), guestsRoot.resolve("web1"), "web1.example.com",
                null, "16m", List.of(new GuestSpec.Address("10.88.0.3", 24, "eth0")), Map.of());
    }

    @Test
    void buildRefusesAnExistingConfigDirectoryWithUtilVserversMessageAndExitOne() throws Exception {
        Files.createDirectories(configRoot.resolve("web1"));

        assertThatThrownBy(() -> driver.buildRoot(web1(), BuildRequest.skeleton(), line -> {
        }))
                .isInstanceOf(HostOperationException.class)
                .hasMessageContaining("exit code 1")
                .hasMessageContaining("vserver-topdirectory '" + guestsRoot.resolve("web1") + "' and/or configuration at '"
                        + configRoot.resolve("web1") + "' " + REFUSAL);
        assertThat(fake.onlyCall()).contains("build", "--confdir", configRoot.resolve("web1").toString());
        assertThat(guestsRoot.resolve("web1")).doesNotExist();
        assertThat(configRoot.resolve("web1")).isEmptyDirectory();
    }

    @Test
    void buildRefusesARootDirectoryThatIsNotEmpty() throws Exception {
        Files.createDirectories(guestsRoot.resolve("web1/etc"));

        assertThatThrownBy(() -> driver.buildRoot(web1(), BuildRequest.skeleton(), line -> {
        }))
                .hasMessageContaining(REFUSAL);
        assertThat(configRoot.resolve("web1")).doesNotExist();
    }

    @Test
    void buildMakesTheConfigDirectoryAndRootTheWayUtilVserverDoesAndTheConsoleCanReadIt() throws Exception {
        driver.buildRoot(web1(), BuildRequest.skeleton(), line -> {
        });

        Path dir = configRoot.resolve("web1");
        assertThat(Files.readSymbolicLink(dir.resolve("vdir"))).isEqualTo(guestsRoot.resolve("web1"));
        assertThat(dir.resolve("interfaces/0/dev")).hasContent("eth0");
        assertThat(dir.resolve("interfaces/0/prefix")).hasContent("24");
        assertThat(guestsRoot.resolve("web1/etc")).isDirectory();
        GuestConfig config = new GuestConfigReader(configRoot).readGuest("web1");
        assertThat(config.context()).isEqualTo(40001);
        assertThat(config.nodename()).isEqualTo("web1.example.com");
        assertThat(config.interfaces()).singleElement().satisfies(i -> assertThat(i.ip()).isEqualTo("10.88.0.3"));
    }

    @Test
    void anAddressWithoutDeviceIsPassedAsNodevSoAnIpv6AddressStaysWhole() throws Exception {
        List<String> log = new java.util.ArrayList<>();
        GuestSpec v6 = new GuestSpec("web1", 40001, configRoot.resolve("web1"), guestsRoot.resolve("web1"), "web1",
                null, "16m", List.of(new GuestSpec.Address("2001:db8::3", 64, null)), Map.of());

        driver.buildRoot(v6, BuildRequest.skeleton(), log::add);

        Path entry = configRoot.resolve("web1/interfaces/0");
        assertThat(entry.resolve("ip")).hasContent("2001:db8::3");
        assertThat(entry.resolve("nodev")).exists();
        assertThat(entry.resolve("dev")).doesNotExist();
    }
}
