package org.vsconsole.security;

import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.vsconsole.base.ClientAddress;

/**
 * Password sign-in behind {@link LoginAttemptGuard}'s growing delays. A throttled attempt is
 * refused before the password is checked (so it costs no hash and cannot probe the account) with
 * a message that says how long to wait; the same message whether the name exists or not. The
 * refusal is answered after a {@link ThrottleTarpit} hold, so a flood cannot spin on it. For an
 * account with a second factor a right password gives only a {@link TotpPending} sign-in.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    /** A sign-in refused for now; a LockedException so the login view shows its message. */
    static final class ThrottledException extends LockedException {

        ThrottledException(Duration wait) {
            super("Too many failed sign-ins from this address or for this account. Try again in "
                    + seconds(wait) + " second" + (seconds(wait) == 1 ? "" : "s") + ".");
        }

        private static long seconds(Duration wait) {
            return Math.max(1, (wait.toMillis() + 999) / 1000);
        }
    }

    private final DaoAuthenticationProvider passwords;
    private final LoginAttemptGuard guard;
    private final UserRepository users;
    private final ThrottleTarpit tarpit;

    ThrottledAuthenticationProvider(DaoAuthenticationProvider passwords, LoginAttemptGuard guard, UserRepository users,
            ThrottleTarpit tarpit) {
        this.passwords = passwords;
        this.guard = guard;
        this.users = users;
        this.tarpit = tarpit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = ClientAddress.current();
        var wait = guard.wait(username, address);
        if (wait.isPresent()) {
            tarpit.hold(wait.get());
            throw new ThrottledException(wait.get());
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            if (users.totpSecret(result.getName()).isPresent()) {
                // Half-way: the counters start over only once the code is right too, or a thief
                // of the password could guess codes forever by signing in again between guesses.
                return TotpPending.of(result);
            }
            guard.recordSuccess(username, address);
            return result;
        } catch (BadCredentialsException e) {
            guard.recordFailure(username, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
