package org.vsconsole.host.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.Ipv4Network;
import org.vsconsole.host.LimitValues;

class ContainerConfigTest {

    private static final ContainerConfig.Host HOST = new ContainerConfig.Host("vsconsole", "v1",
            Path.of("/var/lib/vsconsole/run/guest.seccomp"), false, "vsh42", false);
    private static final ContainerConfig.Network NET = new ContainerConfig.Network("vsbr0",
            Ipv4Network.parse("10.88.0.0/24"), BridgeNetwork.mac(42));

    private static GuestSpec guest(String nodename, Path root, List<GuestSpec.Address> addresses,
            Map<String, LimitValues> limits, String personality) {
        return new GuestSpec("web1", 42, Path.of("/etc/vservers/web1"), root, nodename, null, "16m", addresses, limits,
                personality, null);
    }

    private static String render(GuestSpec guest) {
        return ContainerConfig.render(guest, IdRange.forContext(42), HOST, NET);
    }

    @Test
    void unprivilegedWithTheGuestsOwnRangeAndLxcHardeningFirst() {
        String config = render(guest("web1", Path.of("/var/lib/vservers/web1"), List.of(), Map.of(), null));

        assertThat(ContainerConfig.owner(config)).isEqualTo("web1");
        assertThat(config).contains("lxc.idmap = u 0 3801088 65536\nlxc.idmap = g 0 3801088 65536\n");
        assertThat(config.indexOf("common.conf")).isLessThan(config.indexOf("userns.conf"));
        assertThat(config.indexOf("userns.conf"))
                .isLessThan(config.indexOf("lxc.cap.drop = mac_admin mac_override sys_time sys_module sys_rawio"));
        assertThat(config).contains("lxc.seccomp.profile = /var/lib/vsconsole/run/guest.seccomp")
                .contains("lxc.cgroup.dir.container = vsconsole/42").contains("lxc.cgroup.devices.deny = a")
                .contains("lxc.rootfs.path = dir:/var/lib/vservers/web1").contains("lxc.arch = linux64")
                .contains("size=16m").contains("lxc.net.0.type = empty")
                .contains("lxc.sysctl.net.ipv6.conf.all.disable_ipv6 = 1");
    }

    @Test
    void limitsAndPersonalityBecomeContainerKeys() {
        String config = render(guest("web1", Path.of("/var/lib/vservers/web1"), List.of(),
                Map.of("nproc", new LimitValues(LimitValues.UNLIMITED, 100), "rss", LimitValues.both(1024),
                        "nofile", new LimitValues(512, 1024), "as", new LimitValues(LimitValues.UNLIMITED, 2048)),
                "LINUX32"));

        assertThat(config).contains("lxc.cgroup.pids.max = 100")
                .contains("lxc.cgroup.memory.limit_in_bytes = " + 1024 * Rlimits.PAGE_SIZE)
                .contains("lxc.prlimit.nofile = 512:1024")
                .contains("lxc.prlimit.as = unlimited:" + 2048 * Rlimits.PAGE_SIZE)
                .contains("lxc.arch = linux32");
    }

    @Test
    void addressesOnTheBridgeWithAStableMacAndTheGatewayOnlyInsideThePool() {
        String inPool = render(guest("web1", Path.of("/var/lib/vservers/web1"),
                List.of(new GuestSpec.Address("10.88.0.5", 24, null)), Map.of(), null));
        String outside = render(guest("web1", Path.of("/var/lib/vservers/web1"),
                List.of(new GuestSpec.Address("192.0.2.5", 24, null)), Map.of(), null));

        assertThat(inPool).contains("lxc.net.0.link = vsbr0").contains("lxc.net.0.veth.pair = vsh42")
                .contains("lxc.net.0.hwaddr = 02:76:73:00:00:2a")
                .contains("lxc.net.0.ipv4.address = 10.88.0.5/24 10.88.0.255")
                .contains("lxc.net.0.ipv4.gateway = 10.88.0.1");
        assertThat(outside).contains("lxc.net.0.ipv4.address = 192.0.2.5/24").doesNotContain("gateway");
    }

    @Test
    void valuesThatCouldAddAKeyAreRefusedNamingTheField() {
        GuestSpec newlineInPath = guest("web1", Path.of("/var/lib/vservers/web1\nlxc.apparmor.profile = unconfined"),
                List.of(), Map.of(), null);
        GuestSpec badNode = guest("web1\nlxc.cap.drop =", Path.of("/var/lib/vservers/web1"), List.of(), Map.of(), null);
        GuestSpec badAddress = guest("web1", Path.of("/var/lib/vservers/web1"),
                List.of(new GuestSpec.Address("10.88.0.5 \nlxc.net.1.type = phys", 24, null)), Map.of(), null);

        assertThatThrownBy(() -> render(newlineInPath)).isInstanceOf(HostOperationException.class)
                .hasMessageContaining("characters a container configuration cannot carry");
        assertThatThrownBy(() -> render(badNode)).hasMessageContaining("invalid node name");
        assertThatThrownBy(() -> render(badAddress)).hasMessageContaining("invalid address");
    }

    @Test
    void idRangesNeverOverlapAndStayBelowTwoToThe32() {
        assertThat(IdRange.forContext(2).base() + IdRange.SIZE).isEqualTo(IdRange.forContext(3).base());
        assertThat(IdRange.forContext(49151).base() + IdRange.SIZE).isLessThan(1L << 32);
        assertThat(IdRange.baseOf(0)).isZero();
        assertThat(IdRange.baseOf(IdRange.forContext(7).base() + 33)).isEqualTo(IdRange.forContext(7).base());
        assertThat(IdRange.baseOf(100_000)).isEqualTo(-1); // a host user: no guest's
        assertThatThrownBy(() -> IdRange.forContext(49152)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSavedNprocOrRssIsOneCgroupValueLiveSoTheKernelShowsItsHardAsBothWhileRlimitsStayAsSaved() {
        LimitValues saved = new LimitValues(150, 200);
        assertThat(ContainerConfig.liveOfSaved("nproc", saved)).isEqualTo(LimitValues.both(200));
        assertThat(ContainerConfig.liveOfSaved("rss", saved)).isEqualTo(LimitValues.both(200));
        assertThat(ContainerConfig.liveOfSaved("nproc", new LimitValues(150, LimitValues.UNLIMITED)))
                .as("only a soft value saved: the cgroup holds that").isEqualTo(LimitValues.both(150));
        assertThat(ContainerConfig.liveOfSaved("nofile", saved)).isEqualTo(saved);
    }

    @Test
    void whatTheGuestsBcapabilitiesRemovesIsDroppedTooAndLxcsListStays() {
        GuestSpec guest = new GuestSpec("web1", 42, Path.of("/etc/vservers/web1"), Path.of("/var/lib/vservers/web1"), "web1",
                null, "16m", List.of(), Map.of(), null, null, java.util.Set.of("NET_RAW", "SYS_TIME", "KILL"));
        assertThat(render(guest)).contains(
                "lxc.cap.drop = mac_admin mac_override sys_time sys_module sys_rawio kill net_raw\n");
    }
}
