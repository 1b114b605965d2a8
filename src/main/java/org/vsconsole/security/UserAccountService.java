package org.vsconsole.security;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.HostGrammar;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * User administration and a user's own password change. Every method checks its role here (not
 * only in views), validates its input against an allow-list and leaves an audit row, allowed or
 * not; denials by method security are audited by {@link DeniedCallAuditor}.
 */
@Service
public class UserAccountService {

    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");
    static final int MIN_PASSWORD_LENGTH = 12;
    /** BCrypt reads only 72 bytes; longer passwords would be silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final AuditService audit;

    UserAccountService(UserRepository users, PasswordEncoder encoder, AuditService audit) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<UserAccount> list() {
        return users.findAll();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @AuditedAction(AuditActions.USER_CREATE)
    @Transactional
    public UserAccount create(String username, String password, Set<Role> roles, Set<String> guests) {
        return audit.audited(AuditActions.USER_CREATE, AuditTarget.detail(username), null, () -> {
            validateUsername(username);
            validatePassword("password", password, username);
            validateRolesAndGuests(roles, guests);
            if (users.exists(username)) {
                throw new InvalidInputException("username", "a user named '" + username + "' already exists");
            }
            long id = users.insert(username, hash(password), true);
            users.replaceRolesAndGuests(id, roles, guests);
            return users.find(username).orElseThrow();
        });
    }

    @PreAuthorize("hasRole('ADMIN')")
    @AuditedAction(AuditActions.USER_SET_ROLES)
    @Transactional
    public UserAccount setRoles(String username, Set<Role> roles, Set<String> guests) {
        UserAccount before = existing(username);
        return audit.audited(AuditActions.USER_SET_ROLES, AuditTarget.detail(username), before, () -> {
            validateRolesAndGuests(roles, guests);
            if (before.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
                refuseIfLastAdmin(username, "roles");
            }
            users.replaceRolesAndGuests(before.id(), roles, guests);
            return users.find(username).orElseThrow();
        });
    }

    @PreAuthorize("hasRole('ADMIN')")
    @AuditedAction(AuditActions.USER_SET_ENABLED)
    @Transactional
    public UserAccount setEnabled(String username, boolean enabled) {
        UserAccount before = existing(username);
        return audit.audited(AuditActions.USER_SET_ENABLED, AuditTarget.detail(username), before, () -> {
            if (!enabled) {
                if (username.equals(currentUsername())) {
                    throw new InvalidInputException("enabled", "you cannot disable your own account");
                }
                if (before.roles().contains(Role.ADMIN)) {
                    refuseIfLastAdmin(username, "enabled");
                }
            }
            users.setEnabled(username, enabled);
            return users.find(username).orElseThrow();
        });
    }

    /** Sets a new password that the user must change at the next sign-in. */
    @PreAuthorize("hasRole('ADMIN')")
    @AuditedAction(AuditActions.USER_RESET_PASSWORD)
    @Transactional
    public UserAccount resetPassword(String username, String newPassword) {
        UserAccount before = existing(username);
        return audit.audited(AuditActions.USER_RESET_PASSWORD, AuditTarget.detail(username), before, () -> {
            validatePassword("password", newPassword, username);
            users.setPassword(username, hash(newPassword), true);
            return users.find(username).orElseThrow();
        });
    }

    /** The signed-in user changes their own password (also the forced change after first sign-in). */
    @PreAuthorize("isAuthenticated()")
    @AuditedAction(AuditActions.USER_CHANGE_PASSWORD)
    @Transactional
    public void changeOwnPassword(@Nullable String currentPassword, @Nullable String newPassword) {
        String username = currentUsername();
        audit.audited(AuditActions.USER_CHANGE_PASSWORD, AuditTarget.detail(username), null, () -> {
            var credentials = users.credentials(username)
                    .orElseThrow(() -> new InvalidInputException("user", "your account no longer exists"));
            if (currentPassword == null || !encoder.matches(currentPassword, credentials.passwordHash())) {
                throw new InvalidInputException("currentPassword", "the current password is not correct");
            }
            String checked = validatePassword("newPassword", newPassword, username);
            if (checked.equals(currentPassword)) {
                throw new InvalidInputException("newPassword", "the new password must differ from the current one");
            }
            users.setPassword(username, hash(checked), false);
            return Map.of("passwordChanged", true);
        });
    }

    /** Whether the signed-in user still has to replace an initial or reset password. */
    @PreAuthorize("isAuthenticated()")
    public boolean mustChangePassword() {
        return users.mustChangePassword(currentUsername());
    }

    /** The signed-in user's own account. */
    @PreAuthorize("isAuthenticated()")
    public UserAccount me() {
        return existing(currentUsername());
    }

    static void validateUsername(@Nullable String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("username",
                    "must be 2 to 32 characters: a lower-case letter, then lower-case letters, digits, '.', '_' or '-'");
        }
    }

    /** The password, when it may be used; else refused naming {@code field}. */
    static String validatePassword(String field, @Nullable String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException(field, "must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidInputException(field, "must be at most " + MAX_PASSWORD_BYTES + " bytes long");
        }
        CommonPasswords.weakness(password, username).ifPresent(why -> {
            throw new InvalidInputException(field, why);
        });
        return password;
    }

    private static void validateRolesAndGuests(Set<Role> roles, Set<String> guests) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("roles", "choose at least one role");
        }
        Collection<String> owned = guests == null ? Set.of() : guests;
        for (String guest : owned) {
            if (!HostGrammar.isOwnedGuestRef(guest)) {
                throw new InvalidInputException("guests", "'" + guest + "' is not a valid guest name"
                        + " (lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 63;"
                        + " a guest on another host as host/name)");
            }
        }
        if (!owned.isEmpty() && !roles.contains(Role.OWNER)) {
            throw new InvalidInputException("guests", "guests can only be assigned to a user with the OWNER role");
        }
    }

    private void refuseIfLastAdmin(String username, String field) {
        long otherAdmins = users.findAll().stream()
                .filter(u -> !u.username().equals(username) && u.enabled() && u.roles().contains(Role.ADMIN))
                .count();
        if (otherAdmins == 0) {
            throw new InvalidInputException(field, "'" + username + "' is the last enabled administrator");
        }
    }

    /** The stored hash of a password that passed {@link #validatePassword}. */
    private String hash(String password) {
        return Objects.requireNonNull(encoder.encode(password), "a password encodes to a hash");
    }

    private UserAccount existing(@Nullable String username) {
        return users.find(username == null ? "" : username)
                .orElseThrow(() -> new InvalidInputException("username", "no user named '" + username + "'"));
    }

    /** The signed-in user: every caller is {@code @PreAuthorize}d, so somebody is signed in. */
    private static String currentUsername() {
        return Objects.requireNonNull(SecurityContextHolder.getContext().getAuthentication(),
                "callers are for signed-in users only").getName();
    }

}
