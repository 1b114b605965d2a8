package org.vsconsole.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vsconsole.base.ClientAddress;

/**
 * HTTP Basic cannot carry a second factor: an account with TOTP is refused (401) and told to use
 * an API token, and with {@code require-totp} an ADMIN who has not enrolled yet is refused (403)
 * until they have, in the console. API tokens are not affected.
 */
class SecondFactorApiFilter extends OncePerRequestFilter {

    private final TotpService totp;
    private final FailedSignInAudit failures;

    SecondFactorApiFilter(TotpService totp, FailedSignInAudit failures) {
        this.totp = totp;
        this.failures = failures;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && TotpPending.is(auth)) {
            SecurityContextHolder.clearContext();
            String message = "This account signs in with a second factor, which HTTP Basic cannot carry:"
                    + " call the API with an API token (Authorization: Bearer <token>, made under My account)";
            failures.failed(auth.getName(), ClientAddress.current(), "HTTP Basic refused: the account has a second factor",
                    true);
            SecurityConfig.json(response, HttpServletResponse.SC_UNAUTHORIZED, "second-factor-required", message, false);
            return;
        }
        if (auth != null && totp.mustEnrol(auth)) {
            SecurityConfig.json(response, HttpServletResponse.SC_FORBIDDEN, "totp-enrolment-required",
                    "Administrators must enrol a second factor first (vsconsole.security.require-totp):"
                            + " sign in to the console and enrol under My account",
                    false);
            return;
        }
        chain.doFilter(request, response);
    }
}
