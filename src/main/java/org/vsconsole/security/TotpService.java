package org.vsconsole.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.ClientAddress;
import org.vsconsole.base.InvalidInputException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The optional TOTP second factor: enrolment (confirmed by a current code), disabling (password
 * and code), an admin's reset, and the code step of a sign-in. A code is accepted once per
 * account: its step is marked used in the same update that checks it was not (replay). Wrong
 * codes at sign-in count in {@link LoginAttemptGuard} and are audited per burst like wrong passwords.
 */
@Service
public class TotpService {

    /** A secret shown to the user, not stored until a code of it confirms the enrolment. */
    public record Enrolment(String secret, String uri) {
    }

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final AuditService audit;
    private final LoginAttemptGuard guard;
    private final FailedSignInAudit failures;
    private final DatabaseUserDetailsService details;
    private final SecurityProperties properties;
    private final Clock clock;

    @Autowired
    TotpService(UserRepository users, PasswordEncoder encoder, AuditService audit, LoginAttemptGuard guard,
            FailedSignInAudit failures, DatabaseUserDetailsService details, SecurityProperties properties) {
        this(users, encoder, audit, guard, failures, details, properties, Clock.systemUTC());
    }

    TotpService(UserRepository users, PasswordEncoder encoder, AuditService audit, LoginAttemptGuard guard,
            FailedSignInAudit failures, DatabaseUserDetailsService details, SecurityProperties properties, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.guard = guard;
        this.failures = failures;
        this.details = details;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether the signed-in user has a second factor. */
    @PreAuthorize("isAuthenticated()")
    public boolean enabled() {
        return users.totpSecret(currentUsername()).isPresent();
    }

    /** Whether the signed-in user must enrol before doing anything else. */
    @PreAuthorize("isAuthenticated()")
    public boolean enrolmentRequired() {
        return mustEnrol(SecurityContextHolder.getContext().getAuthentication());
    }

    boolean mustEnrol(@Nullable Authentication auth) {
        return properties.requireTotp() && auth != null && !TotpPending.is(auth)
                && auth.getAuthorities().stream().anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()))
                && !(auth instanceof ApiTokenAuthentication) && users.totpSecret(auth.getName()).isEmpty();
    }

    /** A new secret for the signed-in user to put into their app; nothing changes until confirmed. */
    @PreAuthorize("isAuthenticated()")
    public Enrolment newEnrolment() {
        String secret = Totp.base32(Totp.newSecret());
        return new Enrolment(secret, Totp.uri(currentUsername(), secret));
    }

    /** Stores the second factor once {@code code} shows the user's app has {@code secret}. */
    @PreAuthorize("isAuthenticated()")
    @AuditedAction(AuditActions.USER_TOTP_ENROL)
    public void confirmEnrolment(@Nullable String secret, @Nullable String code) {
        String username = currentUsername();
        audit.audited(AuditActions.USER_TOTP_ENROL, AuditTarget.detail(username), null, () -> {
            if (users.totpSecret(username).isPresent()) {
                throw new InvalidInputException("code", "a second factor is already enrolled; disable it first");
            }
            byte[] key = decode(secret);
            long step = Totp.matchingStep(key, code, now()).orElseThrow(() -> new InvalidInputException("code",
                    "is not the current 6-digit code of this key; check the app and the clock"));
            users.setTotp(username, Totp.base32(key), step);
            return Map.of("totp", true);
        });
    }

    /** Removes the signed-in user's second factor; needs the current password and a current code. */
    @PreAuthorize("isAuthenticated()")
    @AuditedAction(AuditActions.USER_TOTP_DISABLE)
    public void disable(@Nullable String password, @Nullable String code) {
        String username = currentUsername();
        audit.audited(AuditActions.USER_TOTP_DISABLE, AuditTarget.detail(username), null, () -> {
            var credentials = users.credentials(username)
                    .orElseThrow(() -> new InvalidInputException("user", "your account no longer exists"));
            if (password == null || !encoder.matches(password, credentials.passwordHash())) {
                throw new InvalidInputException("currentPassword", "the current password is not correct");
            }
            if (!accept(username, code)) {
                throw new InvalidInputException("code", "is not a current, unused code of your second factor");
            }
            if (properties.requireTotp() && users.find(username).map(u -> u.roles().contains(Role.ADMIN)).orElse(false)) {
                throw new InvalidInputException("code",
                        "administrators must keep a second factor (vsconsole.security.require-totp=true)");
            }
            users.setTotp(username, null, null);
            return Map.of("totp", false);
        });
    }

    /** An admin removes another user's second factor (a lost phone); they can enrol again. */
    @PreAuthorize("hasRole('ADMIN')")
    @AuditedAction(AuditActions.USER_TOTP_RESET)
    public void reset(@Nullable String username) {
        audit.audited(AuditActions.USER_TOTP_RESET, AuditTarget.detail(username), null, () -> {
            if (username == null || !users.exists(username)) {
                throw new InvalidInputException("username", "no user named '" + username + "'");
            }
            if (users.totpSecret(username).isEmpty()) {
                throw new InvalidInputException("username", "'" + username + "' has no second factor");
            }
            users.setTotp(username, null, null);
            return Map.of("totp", false);
        });
    }

    /** Users who have a second factor, for the Users page. */
    @PreAuthorize("hasRole('ADMIN')")
    public Set<String> enrolledUsers() {
        return users.totpUsers();
    }

    /**
     * The second step of a sign-in whose password was right: the full authentication when
     * {@code code} is current and unused, else the reason (throttled, or wrong: counted and audited).
     */
    @PreAuthorize("isAuthenticated()")
    public Authentication completeSignIn(@Nullable String code) {
        Authentication pending = SecurityContextHolder.getContext().getAuthentication();
        if (pending == null || !TotpPending.is(pending)) {
            throw new InvalidInputException("code", "no sign-in is waiting for a code");
        }
        String username = pending.getName();
        String address = ClientAddress.current();
        var wait = guard.wait(username, address);
        if (wait.isPresent()) {
            var refused = new ThrottledAuthenticationProvider.ThrottledException(wait.get());
            String why = Objects.requireNonNull(refused.getMessage(), "a throttle refusal says how long to wait");
            failures.failed(username, address, why, true);
            throw new InvalidInputException("code", why);
        }
        if (!accept(username, code)) {
            guard.recordFailure(username, address);
            failures.failed(username, address, "wrong or already used authentication code", false);
            throw new InvalidInputException("code", "is not a current, unused code of your authenticator app");
        }
        guard.recordSuccess(username, address);
        var user = details.loadUserByUsername(username);
        UsernamePasswordAuthenticationToken full = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        full.setDetails(pending.getDetails());
        audit.record(Actor.of(full), AuditEntry.ok(AuditActions.AUTH_SIGN_IN, AuditTarget.detail(username), null,
                Map.of("secondFactor", "totp"), 0), UUID.randomUUID().toString());
        return full;
    }

    private boolean accept(String username, @Nullable String code) {
        var secret = users.totpSecret(username);
        if (secret.isEmpty()) {
            return false;
        }
        var step = Totp.matchingStep(Totp.fromBase32(secret.get()), code == null ? null : code.strip(), now());
        return step.isPresent() && users.useTotpStep(username, step.getAsLong());
    }

    private static byte[] decode(@Nullable String secret) {
        try {
            byte[] key = Totp.fromBase32(secret == null ? "" : secret);
            if (key.length != Totp.SECRET_BYTES) {
                throw new IllegalArgumentException("wrong length");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("secret", "must be the " + Totp.SECRET_BYTES + "-byte base32 key shown");
        }
    }

    private Instant now() {
        return clock.instant();
    }

    /** The signed-in user: every caller is {@code @PreAuthorize("isAuthenticated()")}. */
    private static String currentUsername() {
        return Objects.requireNonNull(SecurityContextHolder.getContext().getAuthentication(),
                "callers are for signed-in users only").getName();
    }
}
