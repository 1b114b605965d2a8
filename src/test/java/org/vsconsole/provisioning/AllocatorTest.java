package org.vsconsole.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.HostGrammar;

/** XID and address allocation over real config trees: used values are skipped, exhaustion says so. */
class AllocatorTest {

    @TempDir
    Path dir;

    @Test
    void xidStartsAt40000WithoutContextNextAndSkipsIdsUsedOnDisk() throws IOException {
        var host = new ProvisioningFixtures.Host(dir).guest("a", 40000, null).guest("b", 40001, null).guest("c", 40003, null);
        assertThat(host.validator("10.88.0.0/24").suggestXid(host.writer.reader().readAllGuests())).isEqualTo(40002);
    }

    @Test
    void xidFollowsContextNextButNotOntoAUsedId() throws IOException {
        var host = new ProvisioningFixtures.Host(dir).guest("hand-made", 40100, null).contextNext(40100);
        assertThat(host.validator("10.88.0.0/24").suggestXid(host.writer.reader().readAllGuests())).isEqualTo(40101);
    }

    @Test
    void xidWrapsBelowTheStartAndThenReportsExhaustion() {
        XidAllocator small = new XidAllocator(10, 12);
        assertThat(small.next(12, Set.of(12))).isEqualTo(10);
        assertThatThrownBy(() -> small.next(11, Set.of(10, 11, 12)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("context")
                .hasMessageContaining("no free context id")
                .hasMessageContaining("10..12");
    }

    @Test
    void xidOutsideTheStaticRangeInContextNextFallsBackTo40000() {
        XidAllocator all = new XidAllocator();
        assertThat(all.next(HostGrammar.MAX_XID + 5, Set.of())).isEqualTo(40000);
    }

    @Test
    void addressSkipsNetworkGatewayAndAddressesOfGuestsOnDisk() throws IOException {
        var host = new ProvisioningFixtures.Host(dir).guest("a", 40000, "10.88.0.2").guest("b", 40001, "10.88.0.4");
        assertThat(host.validator("10.88.0.0/24").suggestAddress(host.writer.reader().readAllGuests())).isEqualTo("10.88.0.3");
    }

    @Test
    void addressPoolExhaustionIsAClearErrorOnTheIpField() throws IOException {
        // /29: .0 network, .1 gateway, .7 broadcast, so .2-.6 are the five guest addresses.
        var host = new ProvisioningFixtures.Host(dir);
        for (int i = 2; i <= 6; i++) {
            host.guest("g" + i, 40000 + i, "192.168.7." + i);
        }
        assertThatThrownBy(() -> host.validator("192.168.7.0/29").suggestAddress(host.writer.reader().readAllGuests()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("ip");
                    assertThat(e.rule()).contains("192.168.7.0/29").contains("exhausted").contains("give an address");
                });
    }

    @Test
    void broadcastIsNeverHandedOut() {
        AddressAllocator pool = new AddressAllocator("10.0.0.0/30");
        assertThat(pool.next(Set.of())).isEqualTo("10.0.0.2");
        assertThatThrownBy(() -> pool.next(Set.of("10.0.0.2"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void unparsableUsedAddressesAreIgnoredNotFatal() {
        Set<String> used = new HashSet<>(Set.of("garbage", "::1", "10.88.0.2"));
        assertThat(new AddressAllocator("10.88.0.0/24").next(used)).isEqualTo("10.88.0.3");
    }

    @Test
    void aBadPoolPropertyIsRefusedAtStartup() {
        for (String bad : new String[]{"10.88.0.0", "10.88.0.0/31", "fd00::/64", "010.88.0.0/24", "example.com/24", "10.88.0.0/x"}) {
            assertThatThrownBy(() -> new AddressAllocator(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new AddressAllocator("10.88.0.77/24").pool()).isEqualTo("10.88.0.0/24");
    }
}
