package org.vsconsole.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on the API: a valid token signs the request in as its
 * owner (a SHA-256 and one indexed lookup, no bcrypt); a read-only token may only read. An unknown,
 * expired or revoked token answers 401 and counts as a failed sign-in of the address.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiTokenService tokens;
    private final TokenUseAudit uses;
    private final FailedSignInAudit failures;

    ApiTokenFilter(ApiTokenService tokens, TokenUseAudit uses, FailedSignInAudit failures) {
        this.tokens = tokens;
        this.uses = uses;
        this.failures = failures;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        var token = tokens.authenticate(header.substring(7).strip());
        if (token.isEmpty()) {
            failures.failed("(API token)", request.getRemoteAddr(), "unknown, expired or revoked API token", false);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"VServer Console\"");
            SecurityConfig.json(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                    "The API token is unknown, expired or revoked", false);
            return;
        }
        boolean refused = token.get().readOnly() && !READING.contains(request.getMethod());
        uses.used(token.get(), request.getRemoteAddr(), request.getMethod(), path, refused);
        if (refused) {
            SecurityConfig.json(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                    "This API token is read-only: it may only read (GET)", false);
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(token.get());
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
