package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;

/** The REST API speaks JSON for refusals too, never redirects to the login page, and enforces roles. */
@ConsoleSpringTest
class RestApiSecurityTest {

    private static final String PASSWORD = "rest-api-password-1";

    @Autowired
    WebApplicationContext context;

    @Autowired
    UserAccountService accounts;

    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void unauthenticatedCallGets401ProblemAndNoRedirect() throws Exception {
        mvc.perform(get("/api/v1/me").accept(MediaType.TEXT_HTML))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"VServer Console\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.type").value("urn:vsconsole:problem:unauthorized"))
                .andExpect(jsonPath("$.error").value("unauthorized"))
                .andExpect(jsonPath("$.message").isNotEmpty());
    }

    @Test
    void wrongPasswordGets401Json() throws Exception {
        mvc.perform(get("/api/v1/audit/verify").with(httpBasic("admin", "not-the-admin-password")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.error").value("unauthorized"));
    }

    @Test
    void operatorIsRefusedTheAuditLogWith403Problem() throws Exception {
        String operator = TestAccounts.uniqueName("op");
        TestAccounts.createActive(accounts, operator, PASSWORD, Role.OPERATOR);

        mvc.perform(get("/api/v1/me").with(httpBasic(operator, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.roles[0]").value("OPERATOR"));
        mvc.perform(get("/api/v1/audit").with(httpBasic(operator, PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.error").value("forbidden"));
        mvc.perform(get("/api/v1/audit/verify").with(httpBasic(operator, PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value("forbidden"));
        assertThat(TestAccounts.auditCount(jdbc, "AuditSearch.count", operator, "denied", null)).isEqualTo(1);
    }

    @Test
    void auditorReadsTheAuditLog() throws Exception {
        String auditor = TestAccounts.uniqueName("aud");
        TestAccounts.createActive(accounts, auditor, PASSWORD, Role.AUDITOR);

        mvc.perform(get("/api/v1/audit").param("action", "user.create").param("limit", "5").with(httpBasic(auditor, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").isNumber())
                .andExpect(jsonPath("$.events[0].action").value("user.create"));
        mvc.perform(get("/api/v1/audit").param("limit", "0").with(httpBasic(auditor, PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("limit"))
                .andExpect(jsonPath("$.rule").value("must be between 1 and 1000"));
    }

    @Test
    void adminVerifiesTheChain() throws Exception {
        long rows = jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
        assertThat(rows).as("at least the admin's creation is audited").isPositive();

        mvc.perform(get("/api/v1/audit/verify").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.ok").value(true))
                // every row there was, and any the shared context's background wrote meanwhile
                .andExpect(jsonPath("$.rows").value(org.hamcrest.Matchers.greaterThanOrEqualTo((int) rows)))
                .andExpect(jsonPath("$.firstBrokenSeq").doesNotExist());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single()).isGreaterThanOrEqualTo(rows);
    }

    @Test
    void userWithAnInitialPasswordMayOnlyReadThemselvesAndChangeIt() throws Exception {
        String fresh = TestAccounts.uniqueName("fresh");
        TestAccounts.as("admin", () -> accounts.create(fresh, "Initial-password-1", java.util.EnumSet.of(Role.AUDITOR),
                java.util.Set.of()), Role.ADMIN);

        mvc.perform(get("/api/v1/me").with(httpBasic(fresh, "Initial-password-1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mustChangePassword").value(true));
        mvc.perform(get("/api/v1/audit").with(httpBasic(fresh, "Initial-password-1")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.error").value("password-change-required"));
    }
}
