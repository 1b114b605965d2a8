package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;

/**
 * Five failed sign-ins within 15 minutes refuse the account, even with the correct password,
 * with a message that says why; every failure is audited as a failed auth.sign-in.
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
    JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void sixthSignInThroughTheApiIsRefusedEvenWithTheCorrectPassword() throws Exception {
        String user = TestAccounts.uniqueName("thr");
        TestAccounts.createActive(accounts, user, PASSWORD, Role.OPERATOR);

        mvc.perform(get("/api/v1/me").with(httpBasic(user, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(user));
        for (int i = 1; i <= 5; i++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(user, "wrong-password-" + i)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.error").value("unauthorized"));
        }

        mvc.perform(get("/api/v1/me").with(httpBasic(user, PASSWORD)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message", Matchers.containsString("Too many failed sign-ins")))
                .andExpect(jsonPath("$.message", Matchers.containsString("15 more minutes")));

        List<Map<String, Object>> rows = TestAccounts.auditRows(jdbc, "auth.sign-in", user);
        assertThat(rows).hasSize(6).allSatisfy(r -> assertThat(r.get("OUTCOME")).isEqualTo("failed"));
        assertThat(rows.subList(0, 5)).allSatisfy(r -> assertThat((String) r.get("MESSAGE")).containsIgnoringCase("bad credentials"));
        assertThat((String) rows.get(5).get("MESSAGE")).contains("Too many failed sign-ins");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("CLIENT_ADDR")).isEqualTo("127.0.0.1"));

        // Another account is not affected.
        mvc.perform(get("/api/v1/me").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void fourFailuresThenTheCorrectPasswordStillSignsIn() throws Exception {
        String user = TestAccounts.uniqueName("four");
        TestAccounts.createActive(accounts, user, PASSWORD, Role.AUDITOR);
        for (int i = 1; i <= 4; i++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(user, "nope-" + i))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/me").with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        // ...and a success clears the count: five more failures are needed to lock.
        for (int i = 1; i <= 4; i++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(user, "nope-again-" + i))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/me").with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void theAuthenticationManagerRefusesALockedAccountBeforeCheckingThePassword() {
        String user = TestAccounts.uniqueName("mgr");
        TestAccounts.createActive(accounts, user, PASSWORD, Role.OPERATOR);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> authenticationManager.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(user, "bad-" + System.nanoTime())))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> authenticationManager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, PASSWORD)))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("Too many failed sign-ins for this account");
        assertThat(TestAccounts.auditCount(jdbc, "auth.sign-in", null, "failed", user)).isEqualTo(6);
    }
}
