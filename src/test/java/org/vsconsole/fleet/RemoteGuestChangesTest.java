package org.vsconsole.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.security.Role;
import org.vsconsole.security.UserAccountService;

/**
 * What a managed host lists between two looks: a guest made or removed there by hand is logged as
 * done outside the console, against that host; what the console itself made or deleted is not;
 * a guest gone takes its owners with it.
 */
@ConsoleSpringTest
@WithMockUser(username = "admin", roles = "ADMIN")
class RemoteGuestChangesTest {

    @Autowired
    RemoteGuestChanges changes;

    @Autowired
    UserAccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.vsconsole.audit.AuditService audit;

    @Autowired
    org.vsconsole.security.GuestOwnership ownership;

    @Autowired
    HostListingRepository listings;

    @Test
    void guestsMadeOrRemovedByHandAreLoggedAndTheConsolesOwnAreNot() {
        String host = "rgc" + System.nanoTime() % 100000;
        accounts.create(host + "-owner", "Remote-Owner-Passw0rd", EnumSet.of(Role.OWNER), Set.of(host + "/old"));

        changes.listed(host, Set.of("old", "kept"));
        assertThat(rows(host)).as("the first look is the baseline").isEmpty();

        changes.expect(host, "made-here");
        changes.expect(host, "refused");
        changes.unexpect(host, "refused");
        changes.listed(host, Set.of("kept", "made-here", "by-hand", "refused"));

        assertThat(rows(host)).containsExactlyInAnyOrder(
                "guest.appeared-outside guest by-hand on host " + host,
                "guest.appeared-outside guest refused on host " + host,
                "guest.removed-outside guest old on host " + host);
        assertThat(jdbc.sql("SELECT DISTINCT actor FROM audit_event WHERE target_detail LIKE ?").param("% on host " + host)
                .query(String.class).list()).containsExactly("external (detected)");
        assertThat(accounts.list().stream().filter(u -> u.username().equals(host + "-owner")).findFirst().orElseThrow().guests())
                .as("the guest removed by hand took its owner with it").isEmpty();
    }

    @Test
    void whatChangedWhileTheConsoleWasNotRunningIsNoticedAtItsFirstLook() {
        String host = "rgc" + System.nanoTime() % 100000;
        changes.listed(host, Set.of("stays", "goes"));

        // a console started afresh: nothing in memory, only what H2 kept
        RemoteGuestChanges restarted = new RemoteGuestChanges(audit, ownership, listings);
        restarted.listed(host, Set.of("stays", "came"));

        assertThat(rows(host)).containsExactlyInAnyOrder("guest.appeared-outside guest came on host " + host,
                "guest.removed-outside guest goes on host " + host);

        restarted.forget(host);
        new RemoteGuestChanges(audit, ownership, listings).listed(host, Set.of("other"));
        assertThat(rows(host)).as("a host added again starts from a baseline").hasSize(2);
    }

    private List<String> rows(String host) {
        return jdbc.sql("SELECT action || ' ' || target_detail FROM audit_event WHERE target_detail LIKE ? ORDER BY seq")
                .param("% on host " + host).query(String.class).list();
    }
}
