package org.vsconsole.security;

import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.vsconsole.base.ClientAddress;

/**
 * Password sign-in that refuses an account after repeated failures. The refusal comes before
 * the password is checked, so a locked account cannot be probed, and its message says plainly
 * when to try again.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginAttemptGuard guard;

    ThrottledAuthenticationProvider(DaoAuthenticationProvider passwords, LoginAttemptGuard guard) {
        this.passwords = passwords;
        this.guard = guard;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        var until = guard.lockedUntil(username);
        if (until.isPresent()) {
            long minutes = Math.max(1, (Duration.between(Instant.now(), until.get()).toSeconds() + 59) / 60);
            throw new LockedException("Too many failed sign-ins for this account. Sign-in is refused for "
                    + minutes + " more minute" + (minutes == 1 ? "" : "s") + ".");
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            guard.clear(username);
            return result;
        } catch (BadCredentialsException e) {
            guard.recordFailure(username, ClientAddress.current());
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
