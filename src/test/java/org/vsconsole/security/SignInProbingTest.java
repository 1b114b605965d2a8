package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;

/**
 * What an attacker learns or forces at the sign-in door: a login POST without the CSRF token
 * signs nobody in (login CSRF), and a disabled account answers exactly as an unknown name does.
 */
@ConsoleSpringTest
class SignInProbingTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    UserAccountService accounts;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void aLoginPostWithoutTheCsrfTokenSignsNobodyIn() throws Exception {
        MvcResult forged = mvc.perform(post("/login").param("username", "admin")
                .param("password", ConsoleSpringTest.ADMIN_PASSWORD)).andReturn();
        assertThat(forged.getResponse().getStatus()).isEqualTo(403);
        assertThat(signedIn(forged)).isFalse();

        MvcResult real = mvc.perform(post("/login").param("username", "admin")
                .param("password", ConsoleSpringTest.ADMIN_PASSWORD).with(csrf())).andReturn();
        assertThat(real.getResponse().getStatus()).isEqualTo(302);
        assertThat(signedIn(real)).as("with the token the same sign-in works").isTrue();
    }

    @Test
    void aDisabledAccountCannotBeToldApartFromAnUnknownName() throws Exception {
        String user = TestAccounts.uniqueName("dis");
        TestAccounts.createActive(accounts, user, "Disabled-Passw0rd-1", Role.OPERATOR);
        TestAccounts.as("admin", () -> accounts.setEnabled(user, false), Role.ADMIN);

        MockHttpServletResponse unknown = basic("nobody-" + user, "Disabled-Passw0rd-1");
        MockHttpServletResponse rightPassword = basic(user, "Disabled-Passw0rd-1");
        MockHttpServletResponse wrongPassword = basic(user, "wrong-password-1");

        for (MockHttpServletResponse r : new MockHttpServletResponse[]{rightPassword, wrongPassword}) {
            assertThat(r.getStatus()).isEqualTo(unknown.getStatus()).isEqualTo(401);
            assertThat(r.getContentAsString()).isEqualTo(unknown.getContentAsString());
        }
        assertThat(unknown.getContentAsString()).doesNotContainIgnoringCase("disabled");
    }

    private MockHttpServletResponse basic(String user, String password) throws Exception {
        return mvc.perform(get("/api/v1/me").with(httpBasic(user, password))).andReturn().getResponse();
    }

    private static boolean signedIn(MvcResult result) {
        var session = result.getRequest().getSession(false);
        return session != null
                && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null;
    }
}
