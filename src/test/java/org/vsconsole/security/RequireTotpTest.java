package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.audit.AuditService;
import org.vsconsole.base.InvalidInputException;

/**
 * {@code vsconsole.security.require-totp=true} with the real repository and audit (the service
 * built with the setting on, as the context would with the property): an ADMIN without a second
 * factor must enrol (the UI gate reroutes on this; TotpJourneyIT walks it in a browser) and is
 * refused the API over HTTP Basic with 403 until then; other roles are not held; an ADMIN cannot
 * turn theirs off.
 */
@ConsoleSpringTest
class RequireTotpTest {

    private static final String PASSWORD = "require-totp-passw0rd";

    @Autowired
    UserRepository users;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    AuditService audit;
    @Autowired
    LoginAttemptGuard guard;
    @Autowired
    FailedSignInAudit failures;
    @Autowired
    DatabaseUserDetailsService details;
    @Autowired
    UserAccountService accounts;

    private TotpService required() {
        return new TotpService(users, encoder, audit, guard, failures, details, new SecurityProperties(true, java.time.Duration.ZERO));
    }

    private static UsernamePasswordAuthenticationToken signedIn(String name, Role role) {
        return UsernamePasswordAuthenticationToken.authenticated(name, null,
                List.of(new SimpleGrantedAuthority(role.authority())));
    }

    @Test
    void anAdminWithoutASecondFactorMustEnrolAndIsRefusedBasicUntilThen() throws Exception {
        String admin = TestAccounts.uniqueName("req-admin");
        String operator = TestAccounts.uniqueName("req-op");
        TestAccounts.createActive(accounts, admin, PASSWORD, Role.ADMIN);
        TestAccounts.createActive(accounts, operator, PASSWORD, Role.OPERATOR);
        TotpService totp = required();

        assertThat(totp.mustEnrol(signedIn(admin, Role.ADMIN))).isTrue();
        assertThat(totp.mustEnrol(signedIn(operator, Role.OPERATOR))).isFalse();
        assertThat(new TotpService(users, encoder, audit, guard, failures, details, new SecurityProperties(false, java.time.Duration.ZERO))
                .mustEnrol(signedIn(admin, Role.ADMIN))).as("off by default").isFalse();

        MockHttpServletResponse refused = callApiAs(totp, signedIn(admin, Role.ADMIN));
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentAsString()).contains("totp-enrolment-required");
        assertThat(callApiAs(totp, signedIn(operator, Role.OPERATOR)).getStatus()).isEqualTo(200);

        byte[] key = TestAccounts.as(admin, () -> {
            var enrolment = totp.newEnrolment();
            byte[] k = Totp.fromBase32(enrolment.secret());
            totp.confirmEnrolment(enrolment.secret(), Totp.code(k, Totp.step(Instant.now()) - 1));
            return k;
        }, Role.ADMIN);
        assertThat(totp.mustEnrol(signedIn(admin, Role.ADMIN))).isFalse();

        TestAccounts.as(admin, () -> {
            assertThatThrownBy(() -> totp.disable(PASSWORD, Totp.code(key, Totp.step(Instant.now()))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("must keep a second factor");
            assertThat(totp.enabled()).isTrue();
            return null;
        }, Role.ADMIN);
    }

    private MockHttpServletResponse callApiAs(TotpService totp, UsernamePasswordAuthenticationToken auth) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/guests");
        MockHttpServletResponse response = new MockHttpServletResponse();
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            new SecondFactorApiFilter(totp, failures).doFilter(request, response, new MockFilterChain());
        } finally {
            SecurityContextHolder.clearContext();
        }
        return response;
    }
}
