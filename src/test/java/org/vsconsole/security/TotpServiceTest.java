package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.vsconsole.security.TestAccounts.as;
import static org.vsconsole.security.TestAccounts.auditCount;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.base.InvalidInputException;

/**
 * The second factor through the real services and filter chain: enrolment needs a current code,
 * the password step of such an account is only half a sign-in, a code is accepted once (replay),
 * wrong codes are audited, HTTP Basic is refused with a pointer to API tokens (which still work),
 * disabling needs password and code, and only an admin resets another's.
 */
@ConsoleSpringTest
class TotpServiceTest {

    private static final String PASSWORD = "second-factor-passw0rd";

    @Autowired
    TotpService totp;

    @Autowired
    UserAccountService accounts;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    AuthenticationManager authentication;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FailedSignInAudit failures;

    @Autowired
    WebApplicationContext context;

    /** An OPERATOR with a confirmed second factor; returns its key. */
    private byte[] enrolled(String user) {
        TestAccounts.createActive(accounts, user, PASSWORD, Role.OPERATOR);
        return as(user, () -> {
            var enrolment = totp.newEnrolment();
            assertThat(enrolment.uri()).isEqualTo("otpauth://totp/VServer%20Console:" + user + "?secret="
                    + enrolment.secret() + "&issuer=VServer%20Console");
            byte[] key = Totp.fromBase32(enrolment.secret());
            assertThatThrownBy(() -> totp.confirmEnrolment(enrolment.secret(), wrong(key)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("code");
            assertThat(totp.enabled()).isFalse();
            // a code of the step before now: the sign-in below has now's step to itself
            totp.confirmEnrolment(enrolment.secret(), Totp.code(key, Totp.step(Instant.now()) - 1));
            assertThat(totp.enabled()).isTrue();
            return key;
        }, Role.OPERATOR);
    }

    private static String now(byte[] key) {
        return Totp.code(key, Totp.step(Instant.now()));
    }

    private static String wrong(byte[] key) {
        long step = Totp.step(Instant.now());
        for (int i = 0; i < 1_000_000; i++) {
            String candidate = String.format("%06d", i);
            if (!candidate.equals(Totp.code(key, step)) && !candidate.equals(Totp.code(key, step - 1))
                    && !candidate.equals(Totp.code(key, step + 1))) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    private Authentication password(String user) {
        return authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, PASSWORD));
    }

    private <T> T signedInAs(Authentication auth, java.util.function.Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(auth);
        SecurityContextHolder.setContext(ctx);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    @Test
    void passwordGivesOnlyAHalfSignInAndACodeIsAcceptedOnce() {
        String user = TestAccounts.uniqueName("totp");
        byte[] key = enrolled(user);
        assertThat(auditCount(jdbc, "user.totp-enrol", user, "ok", user)).isEqualTo(1);
        assertThat(auditCount(jdbc, "user.totp-enrol", user, "failed", user)).isEqualTo(1);

        Authentication half = password(user);
        assertThat(TotpPending.is(half)).isTrue();
        assertThat(half.getAuthorities()).extracting(a -> a.getAuthority()).containsExactly("TOTP_PENDING");

        assertThatThrownBy(() -> signedInAs(half, () -> totp.completeSignIn(wrong(key))))
                .isInstanceOf(InvalidInputException.class);
        // aggregated per burst like wrong passwords: first row at once or the burst's count when it closes
        failures.closeAll();
        long failed = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'auth.sign-in' AND outcome = 'failed'"
                + " AND (target_detail = ? OR CAST(after_json AS VARCHAR) LIKE ?)").params(user, "%\"" + user + "\"%")
                .query(Long.class).single();
        assertThat(failed).as("the wrong code is in the audit log").isGreaterThanOrEqualTo(1);

        String code = now(key);
        Authentication full = signedInAs(half, () -> totp.completeSignIn(code));
        assertThat(full.getAuthorities()).extracting(a -> a.getAuthority()).containsExactly("ROLE_OPERATOR");
        assertThat(auditCount(jdbc, "auth.sign-in", user, "ok", user)).isEqualTo(1);

        // the same code again, even within its 30 seconds, is refused: replay
        Authentication again = password(user);
        assertThatThrownBy(() -> signedInAs(again, () -> totp.completeSignIn(code)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unused");
        // and so is a code of the step before, already passed by
        assertThatThrownBy(() -> signedInAs(again, () -> totp.completeSignIn(Totp.code(key, Totp.step(Instant.now()) - 1))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void httpBasicIsRefusedForAnAccountWithASecondFactorAndTokensStillWork() throws Exception {
        String user = TestAccounts.uniqueName("totp-api");
        enrolled(user);
        String token = as(user, () -> tokens.create("script", 1, false).token(), Role.OPERATOR);
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();

        mvc.perform(get("/api/v1/me").with(httpBasic(user, PASSWORD)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.error").value("second-factor-required"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("API token")));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(user));
        // a wrong password is still only a wrong password
        mvc.perform(get("/api/v1/me").with(httpBasic(user, "not-the-password-at-all")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("unauthorized"));
    }

    @Test
    void disablingNeedsThePasswordAndACurrentCode() {
        String user = TestAccounts.uniqueName("totp-off");
        byte[] key = enrolled(user);
        as(user, () -> {
            assertThatThrownBy(() -> totp.disable("not-the-password-at-all", now(key)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> totp.disable(PASSWORD, wrong(key)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("code");
            assertThat(totp.enabled()).isTrue();
            totp.disable(PASSWORD, now(key));
            assertThat(totp.enabled()).isFalse();
            return null;
        }, Role.OPERATOR);
        assertThat(auditCount(jdbc, "user.totp-disable", user, "failed", user)).isEqualTo(2);
        assertThat(auditCount(jdbc, "user.totp-disable", user, "ok", user)).isEqualTo(1);
        assertThat(TotpPending.is(password(user))).as("the password alone signs in again").isFalse();
    }

    @Test
    void onlyAnAdminResetsAnotherUsersSecondFactorAndItIsAudited() {
        String user = TestAccounts.uniqueName("totp-lost");
        enrolled(user);
        assertThatThrownBy(() -> as("olga", () -> {
            totp.reset(user);
            return null;
        }, Role.OPERATOR)).isInstanceOf(AccessDeniedException.class);
        assertThat(auditCount(jdbc, "user.totp-reset", "olga", "denied", user)).isEqualTo(1);
        assertThat(as("admin", () -> totp.enrolledUsers(), Role.ADMIN)).contains(user);

        as("admin", () -> {
            totp.reset(user);
            return null;
        }, Role.ADMIN);
        assertThat(auditCount(jdbc, "user.totp-reset", "admin", "ok", user)).isEqualTo(1);
        assertThat(as("admin", () -> totp.enrolledUsers(), Role.ADMIN)).doesNotContain(user);
        assertThat(TotpPending.is(password(user))).isFalse();
    }
}
