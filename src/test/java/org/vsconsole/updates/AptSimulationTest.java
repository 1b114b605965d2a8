package org.vsconsole.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AptSimulationTest {

    /** Lines as apt 2.6 prints them for {@code apt-get -s dist-upgrade} in a bookworm guest. */
    private static final List<String> DIST_UPGRADE = List.of(
            "Reading package lists...",
            "Building dependency tree...",
            "Calculating upgrade...",
            "The following packages will be upgraded:",
            "  libc6 tzdata",
            "2 upgraded, 1 newly installed, 1 to remove and 0 not upgraded.",
            "Remv oldlib [1.0-1]",
            "Inst libc6 [2.36-9+deb12u9] (2.36-9+deb12u10 Debian-Security:12/oldstable-security [amd64])",
            "Inst tzdata [2024a-0+deb12u1] (2025b-0+deb12u1 Debian:12.11/oldstable [all])",
            "Inst newdep (1.2-3 Debian:12.11/oldstable [amd64])",
            "Conf libc6 (2.36-9+deb12u10 Debian-Security:12/oldstable-security [amd64])",
            "Conf tzdata (2025b-0+deb12u1 Debian:12.11/oldstable [all])");

    @Test
    void countsUpgradesInstallsRemovalsAndSecurityUpdates() {
        AptSimulation sim = AptSimulation.parse(DIST_UPGRADE);

        assertThat(sim.upgraded()).containsExactly("libc6", "tzdata");
        assertThat(sim.installed()).containsExactly("newdep");
        assertThat(sim.removed()).containsExactly("oldlib");
        assertThat(sim.security()).isEqualTo(1);
        assertThat(sim.summary()).isEqualTo(
                "would upgrade 2 (1 security): libc6, tzdata; install 1: newdep; remove 1: oldlib");
    }

    @Test
    void anInstallOfANewPackageIsNoUpgradeAndNothingToDoSaysSo() {
        AptSimulation install = AptSimulation.parse(List.of("Inst hello (2.10-3 Debian:12.11/oldstable [amd64])",
                "Conf hello (2.10-3 Debian:12.11/oldstable [amd64])"));
        assertThat(install.summary()).isEqualTo("would install 1: hello");
        assertThat(AptSimulation.parse(List.of("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded."))
                .summary()).isEqualTo("nothing to do");
    }
}
