package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.base.InvalidInputException;

/**
 * An owner can own a guest of a managed host, named host/guest: it is theirs on that host only,
 * and it stops being theirs when the host no longer lists it or the host is removed, so an owner
 * never inherits a later guest of that name.
 */
@ConsoleSpringTest
@WithMockUser(username = "admin", roles = "ADMIN")
class OwnedGuestsOnOtherHostsTest {

    private static final String PASSWORD = "Owner-Passw0rd-long";

    @Autowired
    UserAccountService accounts;

    @Autowired
    GuestOwnership ownership;

    @Autowired
    CurrentUser currentUser;

    @Test
    void anOwnerOfAGuestOnAnotherHostMayOperateItThereAndNowhereElse() {
        String owner = TestAccounts.uniqueName("remote-owner");
        accounts.create(owner, PASSWORD, EnumSet.of(Role.OWNER), Set.of("web1", "beta/web2"));

        TestAccounts.as(owner, () -> {
            assertThat(currentUser.mayOperateOn("beta", "web2")).isTrue();
            assertThat(currentUser.maySeeOn("beta", "web2")).isTrue();
            assertThat(currentUser.mayOperateOn("gamma", "web2")).as("same name, another host").isFalse();
            assertThat(currentUser.mayOperateOn("local", "web2")).as("same name, this host").isFalse();
            assertThat(currentUser.mayOperateOn("local", "web1")).isTrue();
            assertThat(currentUser.mayOperateOn("beta", "web1")).isFalse();
            return null;
        }, Role.OWNER);
    }

    @Test
    void aGuestItsHostNoLongerListsOrAHostRemovedTakesItsOwnersWithIt() {
        String owner = TestAccounts.uniqueName("remote-owner");
        accounts.create(owner, PASSWORD, EnumSet.of(Role.OWNER), Set.of("delta/kept", "delta/gone", "eps/app"));

        ownership.hostListed("delta", Set.of("kept", "new-one"));
        assertThat(ownedBy(owner)).containsExactlyInAnyOrder("delta/kept", "eps/app");

        ownership.hostRemoved("eps");
        assertThat(ownedBy(owner)).containsExactly("delta/kept");

        // a new guest under the old name is another guest: its predecessor's owner does not get it
        ownership.hostListed("delta", Set.of("kept", "gone"));
        assertThat(ownedBy(owner)).containsExactly("delta/kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local/web", "Beta/web", "beta/", "/web", "beta/../x", "beta/web/x", "-x/web", "beta/Web",
            "a234567890123456789012345678901234/web", "beta;rm/web", "beta/a b"})
    void malformedGuestReferencesAreRefusedNamingTheField(String ref) {
        String owner = TestAccounts.uniqueName("remote-owner");
        assertThatThrownBy(() -> accounts.create(owner, PASSWORD, EnumSet.of(Role.OWNER), Set.of(ref)))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("guests");
        assertThat(accounts.list().stream().anyMatch(u -> u.username().equals(owner))).isFalse();
    }

    private Set<String> ownedBy(String owner) {
        return accounts.list().stream().filter(u -> u.username().equals(owner)).findFirst().orElseThrow().guests();
    }
}
