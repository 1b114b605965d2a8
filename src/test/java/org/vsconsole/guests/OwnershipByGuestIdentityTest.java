package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.FileSystemUtils;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;
import org.vsconsole.security.UserAccountService;
import org.vsconsole.sync.SyncService;

/**
 * Owners belong to a guest, not to its name: after a guest is deleted (in the console or by hand)
 * and a new one is made under the same name, the old owner controls nothing of the new one.
 */
class OwnershipByGuestIdentityTest extends GuestsTestBase {

    @Autowired
    GuestService guests;

    @Autowired
    UserAccountService accounts;

    @Autowired
    CurrentUser currentUser;

    @Autowired
    SyncService sync;

    @Test
    void aGuestDeletedInTheConsoleAndMadeAgainDoesNotKeepItsOwner() {
        guest("reborn1", 4611, "10.71.1.1");
        owner("otto-reborn1", "reborn1");
        assertThat(as("otto-reborn1", () -> currentUser.mayOperate("reborn1"), "ROLE_OWNER")).isTrue();

        as("admin", () -> {
            guests.delete("reborn1", "reborn1");
            return null;
        }, "ROLE_ADMIN");
        guest("reborn1", 4612, "10.71.1.2");

        assertThat(as("otto-reborn1", () -> currentUser.mayOperate("reborn1"), "ROLE_OWNER")).isFalse();
        assertThatThrownBy(() -> as("otto-reborn1", () -> guests.start("reborn1"), "ROLE_OWNER"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(as("admin", () -> guests.summary("reborn1").owners(), "ROLE_ADMIN")).isEmpty();
    }

    @Test
    void aGuestRemovedByHandAndMadeAgainDoesNotKeepItsOwner() throws Exception {
        guest("reborn2", 4613, "10.71.1.3");
        sync.reconcileGuest("reborn2");
        owner("otto-reborn2", "reborn2");
        assertThat(as("otto-reborn2", () -> currentUser.maySee("reborn2"), "ROLE_OWNER")).isTrue();

        Path dir = writer.reader().configRoot().resolve("reborn2");
        FileSystemUtils.deleteRecursively(dir);
        assertThat(Files.exists(dir)).isFalse();
        sync.reconcileGuest("reborn2");
        guest("reborn2", 4614, "10.71.1.4");

        assertThat(as("otto-reborn2", () -> currentUser.maySee("reborn2"), "ROLE_OWNER")).isFalse();
    }

    private void owner(String username, String guest) {
        as("admin", () -> accounts.create(username, "Owner-Passw0rd-long", EnumSet.of(Role.OWNER), Set.of(guest)),
                "ROLE_ADMIN");
    }

    private static <T> T as(String user, Supplier<T> work, String role) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(user, null, AuthorityUtils.createAuthorityList(role)));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
