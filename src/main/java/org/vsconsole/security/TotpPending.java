package org.vsconsole.security;

import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.jspecify.annotations.Nullable;

/**
 * A sign-in whose password was right for an account with a second factor: it carries no role,
 * so nothing but the code page ({@link TotpSignInView}) opens for it, and the API refuses it.
 */
final class TotpPending {

    static final String AUTHORITY = "TOTP_PENDING";
    private static final List<GrantedAuthority> ONLY = List.of(new SimpleGrantedAuthority(AUTHORITY));

    private TotpPending() {
    }

    static Authentication of(Authentication passwordChecked) {
        var pending = UsernamePasswordAuthenticationToken.authenticated(passwordChecked.getName(), null, ONLY);
        pending.setDetails(passwordChecked.getDetails());
        return pending;
    }

    static boolean is(@Nullable Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> AUTHORITY.equals(a.getAuthority()));
    }
}
