package org.vsconsole.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vsconsole.host.config.HostGrammar;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in user's name, roles and owned guests, for services that scope what a user may see
 * or touch (an OWNER sees only the guests assigned).
 */
@Component
public class CurrentUser {

    private final UserRepository users;

    CurrentUser(UserRepository users) {
        this.users = users;
    }

    /** Null when nobody is signed in on this thread. */
    public @Nullable String username() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }

    public boolean hasRole(Role role) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> role.authority().equals(a.getAuthority()));
    }

    /** Whether the caller signed in with a read-only API token: it may read, never change. */
    public boolean readOnly() {
        return ReadOnlyTokenGuard.readOnly(SecurityContextHolder.getContext().getAuthentication());
    }

    /** True for staff who see every guest (ADMIN, OPERATOR, AUDITOR). */
    public boolean seesAllGuests() {
        return hasRole(Role.ADMIN) || hasRole(Role.OPERATOR) || hasRole(Role.AUDITOR);
    }

    /** Whether the current user may see this guest at all. */
    public boolean maySee(String guest) {
        return seesAllGuests() || (hasRole(Role.OWNER) && ownedGuests().contains(guest));
    }

    /**
     * Whether the current user may change this guest: ADMIN, OPERATOR, or its OWNER; never under a
     * read-only API token, so pages and services that ask this offer and allow no change.
     */
    public boolean mayOperate(String guest) {
        if (readOnly()) {
            return false;
        }
        return hasRole(Role.ADMIN) || hasRole(Role.OPERATOR) || (hasRole(Role.OWNER) && ownedGuests().contains(guest));
    }

    /**
     * Whether the user may have a terminal in guest {@code ref} ({@code host/name} for a managed
     * host's): ADMIN and OPERATOR in every guest, an OWNER in their own. An AUDITOR never, even
     * one who also owns guests: reviewing sessions and having one are kept apart.
     */
    public boolean mayHaveTerminal(String ref) {
        if (hasRole(Role.ADMIN) || hasRole(Role.OPERATOR)) {
            return true;
        }
        return !hasRole(Role.AUDITOR) && mayOperate(ref);
    }

    /** {@link #maySee} for a guest of host {@code host} ({@code local} for this one). */
    public boolean maySeeOn(String host, String guest) {
        return maySee(onHost(host, guest));
    }

    /** {@link #mayOperate} for a guest of host {@code host} ({@code local} for this one). */
    public boolean mayOperateOn(String host, String guest) {
        return mayOperate(onHost(host, guest));
    }

    private static String onHost(String host, String guest) {
        return host.equals(HostGrammar.LOCAL_HOST) ? guest : HostGrammar.guestOnHost(host, guest);
    }

    /** Owner user names by guest, for showing who owns what. */
    public Map<String, List<String>> ownersByGuest() {
        return users.ownersByGuest();
    }

    public Set<String> ownedGuests() {
        String name = username();
        return name == null ? Set.of() : users.find(name).map(UserAccount::guests).orElse(Set.of());
    }
}
