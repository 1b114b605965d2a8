package org.vsconsole.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a user whose password must be changed away from the API, except for reading who they
 * are and changing the password, so an initial password cannot be used for real work.
 */
class PasswordChangeRequiredFilter extends OncePerRequestFilter {

    private final UserRepository users;

    PasswordChangeRequiredFilter(UserRepository users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean allowed = path.equals("/api/v1/me") || path.equals("/api/v1/me/password");
        if (auth != null && auth.isAuthenticated() && !allowed && mustChange(auth)) {
            SecurityConfig.json(response, HttpServletResponse.SC_FORBIDDEN, "password-change-required",
                    "Change your initial password first (POST /api/v1/me/password)", false);
            return;
        }
        chain.doFilter(request, response);
    }

    /** A token's check read the account a moment ago, in this request: no second query for it. */
    private boolean mustChange(org.springframework.security.core.Authentication auth) {
        return auth instanceof ApiTokenAuthentication token ? token.mustChangePassword() : users.mustChangePassword(auth.getName());
    }
}
