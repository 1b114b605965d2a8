package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.audit.AuditService;

/**
 * Sign-in throttling instead of a hard lock: an attacker's wrong passwords slow the attacker down
 * with growing delays but cannot keep the real user out, refused attempts cost no password hash,
 * and the audit log gets one row when a burst starts and one with its count when it ends.
 */
@ConsoleSpringTest
class SignInThrottlingTest {

    private static final String PASSWORD = "the-right-password-1";

    @Autowired
    WebApplicationContext context;

    @Autowired
    UserAccountService accounts;

    @Autowired
    AuthenticationManager authenticationManager;

    @Autowired
    DatabaseUserDetailsService users;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder encoder;

    @Autowired
    LoginAttemptGuard guard;

    @Autowired
    UserRepository userRepository;

    @Autowired
    AuditService audit;

    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void anAttackerElsewhereCannotLockTheRealUserOut() throws Exception {
        String user = TestAccounts.uniqueName("thr");
        TestAccounts.createActive(accounts, user, PASSWORD, Role.ADMIN);
        mvc.perform(get("/api/v1/me").with(httpBasic(user, PASSWORD)).with(from("10.20.0.1"))).andExpect(status().isOk());

        for (int i = 1; i <= 20; i++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(user, "wrong-password-" + i)).with(from("10.66.0.66")))
                    .andExpect(status().isUnauthorized());
        }
        // the attacker is slowed down, even when it finally guesses right...
        mvc.perform(get("/api/v1/me").with(httpBasic(user, PASSWORD)).with(from("10.66.0.66")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message", Matchers.containsString("Too many failed sign-ins")));
        // ...a spread-out attack from many addresses too...
        for (int i = 1; i <= 8; i++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(user, "spread-" + i)).with(from("10.67.0." + i)))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/me").with(httpBasic(user, PASSWORD)).with(from("10.67.0.99")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message", Matchers.containsString("Try again in")));
        // ...but the user signs in from where they signed in before.
        mvc.perform(get("/api/v1/me").with(httpBasic(user, PASSWORD)).with(from("10.20.0.1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(user));
    }

    @Test
    void madeUpNamesFromOneAddressAreRefusedWithoutCheckingAndAuditedAsOneBurst() throws Exception {
        String address = "10.68.0.1";
        long before = rows("auth.sign-in", address);
        for (int i = 1; i <= 40; i++) {
            mvc.perform(get("/api/v1/me").with(httpBasic("made-up-" + i, "guess")).with(from(address)))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/me").with(httpBasic("made-up-41", "guess")).with(from(address)))
                .andExpect(jsonPath("$.message", Matchers.containsString("Too many failed sign-ins")));
        assertThat(rows("auth.sign-in", address) - before).as("one row when the burst starts").isEqualTo(1);
    }

    @Test
    void delaysGrowWithEachFailureBeyondTheFreeOnesAndStopAtTheCap() {
        MutableClock clock = new MutableClock();
        LoginAttemptGuard guard = new LoginAttemptGuard(jdbc, clock);
        String user = TestAccounts.uniqueName("grow");
        String address = "10.69.0.1";
        for (int i = 1; i <= 3; i++) {
            guard.recordFailure(user, address);
            assertThat(guard.wait(user, address)).as("free failure " + i).isEmpty();
        }
        Duration previous = Duration.ZERO;
        for (int i = 4; i <= 20; i++) {
            guard.recordFailure(user, address);
            Duration wait = guard.wait(user, address).orElseThrow();
            assertThat(wait).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(Duration.ofMinutes(15));
            previous = wait;
            clock.advance(wait);
        }
        assertThat(LoginAttemptGuard.delay(LoginAttemptGuard.ACCOUNT_FROM_ADDRESS, 4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LoginAttemptGuard.delay(LoginAttemptGuard.ACCOUNT_FROM_ADDRESS, 6)).isEqualTo(Duration.ofSeconds(4));
        assertThat(previous).as("capped").isEqualTo(Duration.ofMinutes(15));
        guard.recordSuccess(user, address);
        assertThat(guard.wait(user, address)).as("a success starts over").isEmpty();
    }

    @Test
    void oldRowsArePrunedAndTheTableIsCapped() {
        MutableClock clock = new MutableClock();
        LoginAttemptGuard guard = new LoginAttemptGuard(jdbc, clock);
        String user = TestAccounts.uniqueName("old");
        guard.recordFailure(user, "10.70.0.1");
        assertThat(count(user)).isPositive();
        clock.advance(LoginAttemptGuard.RETENTION.plusMinutes(1));
        guard.prune();
        assertThat(count(user)).isZero();
    }

    @Test
    void aFailedBurstIsOneRowAtItsStartAndOneWithTheCountAtItsEnd() {
        MutableClock clock = new MutableClock();
        FailedSignInAudit bursts = new FailedSignInAudit(audit, clock, false);
        String address = "10.71.9.1";
        String user = TestAccounts.uniqueName("burst");
        long before = rows("auth.sign-in", address);
        for (int i = 0; i < 200; i++) {
            bursts.failed(user, address, "Bad credentials", i >= 5);
        }
        assertThat(rows("auth.sign-in", address) - before).isEqualTo(1);
        clock.advance(FailedSignInAudit.QUIET.plusSeconds(1));
        assertThat(bursts.closeQuietBursts()).isEqualTo(1);
        List<Map<String, Object>> all = jdbc.sql("SELECT message, after_json FROM audit_event WHERE action = 'auth.sign-in'"
                + " AND client_addr = ? ORDER BY seq").param(address).query().listOfRows();
        assertThat(all).hasSize((int) before + 2);
        assertThat((String) all.getLast().get("MESSAGE")).contains("199 more failed sign-ins of " + user)
                .contains("195 refused by the throttle");
    }

    @Test
    void theAuthenticationManagerRefusesAThrottledAttemptBeforeCheckingThePassword() {
        String user = TestAccounts.uniqueName("mgr");
        TestAccounts.createActive(accounts, user, PASSWORD, Role.OPERATOR);
        for (int i = 0; i < LoginAttemptGuard.ACCOUNT_FROM_ADDRESS.freeFailures() + 1; i++) {
            assertThatThrownBy(() -> authenticationManager.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(user, "bad-" + System.nanoTime())))
                    .isInstanceOf(BadCredentialsException.class);
        }
        long started = System.nanoTime();
        assertThatThrownBy(() -> authenticationManager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, PASSWORD)))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("Try again in");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no password hash computed")
                .isLessThan(Duration.ofMillis(40));
    }

    @Test
    void aThrottledAttemptIsHeldBeforeItIsRefusedSoAFloodCannotSpinOnRefusals() {
        String user = TestAccounts.uniqueName("hold");
        TestAccounts.createActive(accounts, user, PASSWORD, Role.OPERATOR);
        for (int i = 0; i < LoginAttemptGuard.ACCOUNT_FROM_ADDRESS.freeFailures() + 1; i++) {
            assertThatThrownBy(() -> authenticationManager.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(user, "bad-" + System.nanoTime())))
                    .isInstanceOf(BadCredentialsException.class);
        }
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        var held = new ThrottledAuthenticationProvider(passwords, guard, userRepository, new ThrottleTarpit(1, Duration.ofMillis(300)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> held.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, PASSWORD)))
                .isInstanceOf(LockedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("held before the refusal is answered")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    private long rows(String action, String address) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND client_addr = ?").params(action, address)
                .query(Long.class).single();
    }

    private long count(String user) {
        return jdbc.sql("SELECT COUNT(*) FROM login_throttle WHERE throttle_key LIKE ?").param("%" + user + "%")
                .query(Long.class).single();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    static final class MutableClock extends Clock {

        private Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
