package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.MovableGuest;
import org.vsconsole.host.vserver.UtilVserverGuestConfig;

/**
 * What a move asks a Linux-VServer host's agent about a guest: read by the agent from its own
 * config as util-vserver leaves it, with what a stock-kernel target will not carry named.
 */
class AgentGuestToMoveTest {

    @TempDir
    Path temp;

    FakeVserverAgentBed bed;
    AgentHostDriver client;

    @BeforeEach
    void setUp() {
        bed = new FakeVserverAgentBed(temp);
        client = bed.client();
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    @Test
    void aUtilVserverGuestIsDescribedWithWhatTheTargetWillNotCarry() throws Exception {
        Path root = Files.createDirectories(bed.guestsRoot.resolve("legacy"));
        Path config = bed.configRoot.resolve("legacy");
        UtilVserverGuestConfig.write(config, root, "old-web", "192.0.2.31");
        UtilVserverGuestConfig.file(config, "uts/domainname", "example.org");
        UtilVserverGuestConfig.file(config, "fstab", "none /proc proc defaults 0 0\nnone /tmp tmpfs size=32m,mode=1777 0 0\n"
                + "none /dev/pts devpts gid=5,mode=620 0 0\n/srv/shared /srv/shared none bind 0 0");

        MovableGuest guest = client.guestToMove("legacy");

        assertThat(guest.context()).as("util-vserver gives it a dynamic context").isNull();
        assertThat(guest.nodename()).isEqualTo("old-web");
        assertThat(guest.domainname()).isEqualTo("example.org");
        assertThat(guest.interfaces()).containsExactly(new GuestSpec.Address("192.0.2.31", 24, "eth0"));
        assertThat(guest.rlimits()).isEqualTo(Map.of("nproc", new LimitValues(300, 400)));
        assertThat(guest.bootMarked()).isTrue();
        assertThat(guest.tmpSize()).isEqualTo("32m");
        assertThat(guest.notCarried()).hasSize(5)
                .anySatisfy(n -> assertThat(n).isEqualTo("fstab mounts /srv/shared: mount them again on the target"))
                .anySatisfy(n -> assertThat(n).contains("dlimits/"))
                .anySatisfy(n -> assertThat(n).contains("bcapabilities")).anySatisfy(n -> assertThat(n).contains("personality"))
                .anySatisfy(n -> assertThat(n).contains("sched/"));
    }

    @Test
    void aPlainGuestCarriesItsStaticContextAndLeavesNothing() {
        MovableGuest guest = client.guestToMove("web1");

        assertThat(guest.context()).isEqualTo(40001);
        assertThat(guest.interfaces()).isEmpty();
        assertThat(guest.bootMarked()).isFalse();
        assertThat(guest.notCarried()).isEmpty();
        assertThat(bed.fake.calls()).as("describing a guest runs no tool").isEmpty();
    }

    @Test
    void aGuestTheHostDoesNotHaveIsRefusedByName() {
        assertThatThrownBy(() -> client.guestToMove("nosuch")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("guest").hasMessageContaining("no guest 'nosuch'");
        assertThatThrownBy(() -> client.guestToMove("../web1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("guest");
        assertThat(List.of(bed.configRoot.toFile().list())).containsExactly("web1");
    }

}
