package org.vsconsole.security;

import java.time.Instant;
import java.util.Set;

/** A console user as the Users view and REST show it; never carries the password hash. */
public record UserAccount(
        long id,
        String username,
        boolean enabled,
        boolean mustChangePassword,
        Set<Role> roles,
        Set<String> guests,
        Instant createdAt) {

    public UserAccount {
        roles = Set.copyOf(roles);
        guests = Set.copyOf(guests);
    }
}
