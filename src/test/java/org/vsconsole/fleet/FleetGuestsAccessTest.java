package org.vsconsole.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleSpringTest;

/**
 * Who may act on another host's guest, and what the log says when someone may not: the refusal
 * names the host beside the guest and is never filed as one of this host's guests, which this
 * host's crash recovery would read.
 */
@ConsoleSpringTest
class FleetGuestsAccessTest {

    @Autowired
    FleetGuests fleet;

    @Autowired
    HostRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Test
    @WithMockUser(username = "fleet-owner", roles = "OWNER")
    void anOwnerRefusedAnotherHostsGuestIsLoggedAgainstThatHostAndGuest() {
        assertThatThrownBy(() -> fleet.stop("beta", "not-mine")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fleet.start("beta", "not-mine")).isInstanceOf(AccessDeniedException.class);

        var row = jdbc.sql("SELECT action, outcome, target_guest, target_detail FROM audit_event WHERE actor = 'fleet-owner'"
                + " ORDER BY seq DESC LIMIT 1").query(
                        (rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4)})
                .single();
        assertThat(row).containsExactly("guest.start", "denied", null, "guest not-mine on host beta");
    }

    @Test
    @WithMockUser(username = "fleet-operator", roles = "OPERATOR")
    void anOperatorRefusedRemovingAHostIsLoggedAgainstTheHostNotAGuest() {
        assertThatThrownBy(() -> registry.remove("gamma", "gamma")).isInstanceOf(AccessDeniedException.class);

        var row = jdbc.sql("SELECT action, outcome, target_guest, target_detail FROM audit_event WHERE actor = 'fleet-operator'"
                + " ORDER BY seq DESC LIMIT 1").query(
                        (rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4)})
                .single();
        assertThat(row).containsExactly("host.remove", "denied", null, "host gamma");
    }

    @Test
    @WithMockUser(username = "fleet-lone-owner", roles = "OWNER")
    void anOwnerWithNothingOnOtherHostsSeesNoOtherHostAndNoGuestThere() {
        assertThat(fleet.otherHosts()).isEmpty();
        assertThat(fleet.guests("beta")).isEmpty();
        assertThat(fleet.guests("local")).isEmpty();
    }

    /** Action, outcome, guest target and detail of the newest audit row of {@code actor}. */
    private String[] lastRowOf(String actor) {
        return jdbc.sql("SELECT action, outcome, target_guest, target_detail FROM audit_event WHERE actor = ? ORDER BY seq DESC"
                + " LIMIT 1").param(actor).query((rs,
                        n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4)})
                .single();
    }
}
