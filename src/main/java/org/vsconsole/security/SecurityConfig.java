package org.vsconsole.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import java.util.Objects;

/**
 * Two filter chains: a stateless chain for {@code /api/**} (API tokens as Bearer, HTTP Basic for
 * people behind the sign-in throttle) that answers 401/403 with
 * problem details and never redirects, and the Vaadin chain with the login view for everything else.
 * Method security is on, so services enforce roles whatever calls them.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig {

    /**
     * What Vaadin's client needs and no more: its bootstrap and theme use inline scripts and
     * styles (and its client evaluates generated code), push connects back to the same origin;
     * nothing is loaded from elsewhere, framed, or posted elsewhere. Checked in a real browser by
     * SignInJourneyIT, which fails on any CSP violation.
     */
    static final String UI_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:;"
            + " connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; object-src 'none';"
            + " base-uri 'self'; form-action 'self'";
    /** The API answers JSON only: nothing in it may run, load or be framed. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * The firewall's refusal of a request (encoded slashes, dot segments, odd headers) is a
     * problem on the API, like every other API error; elsewhere it stays a plain 400.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            if (request.getRequestURI().startsWith("/api/")) {
                org.vsconsole.base.ApiProblem.write(response, org.springframework.http.HttpStatus.BAD_REQUEST,
                        "request-rejected", "The request was rejected: " + e.getMessage(), "path",
                        "must be a plain path without encoded slashes, dot segments or control characters");
            } else {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            }
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(DatabaseUserDetailsService users, PasswordEncoder encoder,
            LoginAttemptGuard guard, AuthenticationEventPublisher events, UserRepository accounts, SecurityProperties settings) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        ProviderManager manager = new ProviderManager(new ThrottledAuthenticationProvider(passwords, guard, accounts,
                new ThrottleTarpit(ThrottleTarpit.DEFAULT_SLOTS, settings.throttleHold())));
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }

    /** Makes method security publish denials, so {@link DeniedCallAuditor} can audit them. */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager authenticationManager,
            UserRepository users, ApiTokenService tokens, TokenUseAudit tokenUses, FailedSignInAudit failures, TotpService totp,
            java.util.List<org.vsconsole.base.RefusalRecorder> refusals) throws Exception {
        return http
                .securityMatcher("/api/**", "/v3/api-docs/**", "/v3/api-docs")
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(
                        (request, response, e) -> json(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                                "Sign in with HTTP Basic: " + e.getMessage(), true)))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> json(response,
                                HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                                "Sign in with HTTP Basic to use the API", true))
                        .accessDeniedHandler((request, response, e) -> json(response,
                                HttpServletResponse.SC_FORBIDDEN, "forbidden", Objects.requireNonNullElse(e.getMessage(), ""), false)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(h -> securityHeaders(h, API_CSP))
                .addFilterBefore(new RequestSizeLimitFilter(refusals), SecurityContextHolderFilter.class)
                .addFilterBefore(new ApiTokenFilter(tokens, tokenUses, failures), BasicAuthenticationFilter.class)
                .addFilterAfter(new SecondFactorApiFilter(totp, failures), BasicAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeRequiredFilter(users), SecondFactorApiFilter.class)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain vaadinChain(HttpSecurity http, AuthenticationManager authenticationManager,
            RequestUtil vaadinRequests) throws Exception {
        http.authenticationManager(authenticationManager);
        http.authorizeHttpRequests(
                auth -> auth.requestMatchers("/styles/**", "/icons/**", "/images/**", "/xterm/**", "/terminal/**").permitAll());
        http.headers(h -> securityHeaders(h, UI_CSP));
        // Vaadin's own CSRF setup exempts the login form's POST, so any page could sign a browser
        // in as the attacker (login CSRF). Vaadin's login form sends the token from the page's
        // _csrf meta tags, so only Vaadin's internal requests (protected by its own
        // per-UI security key) stay exempt.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .enableCsrfConfiguration(false)).build();
    }

    /** nosniff and no framing (also for browsers without CSP), no referrer beyond the console, the CSP. */
    private static void securityHeaders(HeadersConfigurer<HttpSecurity> headers, String csp) {
        // Written before the request is handled: Vaadin writes its pages through the servlet's own
        // response, so headers left for the moment of commit never reached the HTML pages.
        headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {

            @Override
            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        });
        headers.contentTypeOptions(Customizer.withDefaults())
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .contentSecurityPolicy(policy -> policy.policyDirectives(csp));
    }

    static void json(HttpServletResponse response, int status, String error, String message, boolean challenge)
            throws IOException {
        if (challenge) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"VServer Console\"");
        }
        org.vsconsole.base.ApiProblem.write(response, org.springframework.http.HttpStatus.valueOf(status), error, message);
    }
}
