package org.vsconsole.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.host.config.IpLiteral;
import org.vsconsole.host.config.NewGuest;

/**
 * Link-local guest addresses (169.254.0.0/16, fe80::/10) are refused unless the operator sets
 * {@code vsconsole.provisioning.allow-link-local=true}: checked through the property as Spring
 * binds it and the writer bean built from it, for a new guest and for a changed address.
 */
class LinkLocalAddressOptInTest {

    @TempDir
    Path tmp;

    @Test
    void theGrammarRefusesLinkLocalUnlessAllowedAndStillRefusesTheRest() {
        for (String text : List.of("169.254.10.5", "fe80::5")) {
            IpLiteral ip = HostGrammar.ipAddress(text);
            int prefix = ip.isIpv6() ? 64 : 16;
            assertThatThrownBy(() -> HostGrammar.usableGuestAddress(ip, prefix))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("ip");
                        assertThat(e.rule()).contains("link-local");
                    });
            assertThat(HostGrammar.usableGuestAddress(ip, prefix, true)).isEqualTo(ip);
        }
        // the opt-in is for link-local alone
        for (String text : List.of("127.0.0.1", "224.0.0.1", "::1", "ff02::1", "169.254.0.0")) {
            IpLiteral ip = HostGrammar.ipAddress(text);
            assertThatThrownBy(() -> HostGrammar.usableGuestAddress(ip, ip.isIpv6() ? 64 : 16, true))
                    .as(text).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void offByDefaultTheWriterRefusesALinkLocalGuestAndWritesNothing() throws Exception {
        GuestConfigWriter writer = writerFor(Map.of());
        assertThat(writer.allowsLinkLocalAddresses()).isFalse();
        assertThatThrownBy(() -> writer.createGuest(guest("ll1", 4801, "169.254.10.5", 16)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.rule()).contains("169.254.0.0/16 is link-local"));
        assertThat(writer.reader().configRoot().resolve("ll1")).doesNotExist();
    }

    @Test
    void withThePropertySetNewAndChangedAddressesMayBeLinkLocal() throws Exception {
        GuestConfigWriter writer = writerFor(Map.of("vsconsole.provisioning.allow-link-local", "true"));
        assertThat(writer.allowsLinkLocalAddresses()).isTrue();
        GuestConfig created = writer.createGuest(guest("ll2", 4802, "169.254.10.6", 16));
        assertThat(created.interfaces().getFirst().ip()).isEqualTo("169.254.10.6");
        GuestConfig changed = writer.apply(created, new ConfigChange.SetInterface("0",
                new InterfaceSpec("fe80::6", 64, "eth0", null, false)));
        assertThat(changed.interfaces().getFirst().ip()).isEqualTo("fe80::6");
    }

    private GuestConfigWriter writerFor(Map<String, String> settings) throws Exception {
        ProvisioningProperties provisioning = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("vsconsole.provisioning", ProvisioningProperties.class);
        Path config = Files.createDirectories(tmp.resolve("etc-vservers"));
        Path guests = Files.createDirectories(tmp.resolve("vservers"));
        HostProperties host = new HostProperties(config, guests, tmp.resolve("proc"), tmp.resolve("cgroup"), "read-only",
                tmp.resolve("bin"));
        HostConfiguration beans = new HostConfiguration();
        return beans.guestConfigWriter(host, beans.guestConfigReader(host), event -> {
        }, provisioning, new org.vsconsole.FakeHostDriver(() -> config));
    }

    private static NewGuest guest(String name, int xid, String ip, int prefix) {
        return new NewGuest(name, xid, name, null, List.of(new InterfaceSpec(ip, prefix, "eth0", null, false)), "16m", false,
                Map.of());
    }
}
