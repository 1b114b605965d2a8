package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
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
import org.vsconsole.audit.AuditService;

/**
 * API tokens: made once with the secret in the answer, used as Bearer, stored as SHA-256 only,
 * read-only tokens only read, revoked and expired tokens and disabled owners are refused, a token
 * cannot make tokens, and uses are audited by token name without a row per call.
 */
@ConsoleSpringTest
class ApiTokenTest {

    private static final String PASSWORD = "token-owner-password-1";

    @Autowired
    WebApplicationContext context;

    @Autowired
    UserAccountService accounts;

    @Autowired
    AuditService audit;

    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;
    String user;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        user = TestAccounts.uniqueName("tok");
        TestAccounts.createActive(accounts, user, PASSWORD, Role.OPERATOR);
    }

    @Test
    void aTokenIsShownOnceStoredAsItsSha256AndSignsTheOwnerIn() throws Exception {
        String answer = mvc.perform(post("/api/v1/me/tokens").with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"deploy\",\"expiresInDays\":30,\"readOnly\":false}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("deploy"))
                .andExpect(jsonPath("$.id").isNumber())
                .andReturn().getResponse().getContentAsString();
        String token = JsonPath.read(answer, "$.token");
        assertThat(token).startsWith("vsc_").hasSizeGreaterThan(40);

        mvc.perform(get("/api/v1/me").with(bearer(token))).andExpect(status().isOk()).andExpect(jsonPath("$.username").value(user));
        mvc.perform(get("/api/v1/me/tokens").with(bearer(token)))
                .andExpect(jsonPath("$[0].name").value("deploy"))
                .andExpect(jsonPath("$[0].token").doesNotExist())
                .andExpect(jsonPath("$[0].lastUsedAt").isNotEmpty());

        assertThat(jdbc.sql("SELECT token_hash FROM api_token WHERE name = 'deploy' AND user_id = (SELECT id FROM app_user"
                + " WHERE username = ?)").param(user).query(String.class).single()).isEqualTo(ApiTokenService.sha256(token));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE CAST(before_json AS VARCHAR) LIKE ? OR CAST(after_json AS"
                + " VARCHAR) LIKE ? OR message LIKE ?").params("%" + token + "%", "%" + token + "%", "%" + token + "%")
                .query(Long.class).single()).as("the secret is in no audit row").isZero();
        assertThat(TestAccounts.auditCount(jdbc, "token.create", user, "ok", user)).isEqualTo(1);
    }

    @Test
    void aReadOnlyTokenReadsButChangesNothing() throws Exception {
        String token = create("reader", 7, true);
        mvc.perform(get("/api/v1/stat").with(bearer(token))).andExpect(status().isOk());
        mvc.perform(post("/api/v1/me/password").with(bearer(token)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"Hijacked-passw0rd-9\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("read-only")));
        mvc.perform(get("/api/v1/me").with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void revokedExpiredAndDisabledOwnersTokensAreRefused() throws Exception {
        String revoked = create("gone", 7, false);
        long id = jdbc.sql("SELECT id FROM api_token WHERE token_hash = ?").param(ApiTokenService.sha256(revoked))
                .query(Long.class).single();
        mvc.perform(delete("/api/v1/me/tokens/" + id).with(httpBasic(user, PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").with(bearer(revoked))).andExpect(status().isUnauthorized());

        String expired = create("old", 1, false);
        jdbc.sql("UPDATE api_token SET expires_at = DATEADD('DAY', -1, CURRENT_TIMESTAMP) WHERE token_hash = ?")
                .param(ApiTokenService.sha256(expired)).update();
        mvc.perform(get("/api/v1/me").with(bearer(expired))).andExpect(status().isUnauthorized());

        String live = create("live", 7, false);
        mvc.perform(get("/api/v1/me").with(bearer(live))).andExpect(status().isOk());
        TestAccounts.as("admin", () -> accounts.setEnabled(user, false), Role.ADMIN);
        mvc.perform(get("/api/v1/me").with(bearer(live))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").with(bearer("vsc_made-up"))).andExpect(status().isUnauthorized());
    }

    @Test
    void aTokenCannotMakeTokensAndBadInputNamesTheField() throws Exception {
        String token = create("maker", 7, false);
        mvc.perform(post("/api/v1/me/tokens").with(bearer(token)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"child\",\"expiresInDays\":7}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("token"));
        tokenRequest("{\"name\":\"\",\"expiresInDays\":7}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("name"));
        tokenRequest("{\"name\":\"x\",\"expiresInDays\":0}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("expiresInDays"));
        tokenRequest("{\"name\":\"maker\",\"expiresInDays\":7}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("name"));
    }

    @Test
    void repeatedUsesAreOneAuditRowUntilTheTokenGoesQuietThenOneWithTheCount() throws Exception {
        String token = create("poller", 7, false);
        for (int i = 0; i < 30; i++) {
            mvc.perform(get("/api/v1/stat").with(bearer(token))).andExpect(status().isOk());
        }
        assertThat(TestAccounts.auditCount(jdbc, "token.use", user, "ok", "token 'poller'")).isEqualTo(1);

        SignInThrottlingTest.MutableClock clock = new SignInThrottlingTest.MutableClock();
        TokenUseAudit uses = new TokenUseAudit(audit, clock, false);
        ApiTokenAuthentication auth = new ApiTokenAuthentication(user, 987_654, "counted", false, List.of());
        for (int i = 0; i < 100; i++) {
            uses.used(auth, "10.72.0.1", "GET", "/api/v1/stat", false);
        }
        clock.advance(TokenUseAudit.QUIET.plus(Duration.ofSeconds(1)));
        assertThat(uses.closeQuietWindows()).isEqualTo(1);
        List<String> messages = jdbc.sql("SELECT message FROM audit_event WHERE action = 'token.use' AND target_detail ="
                + " 'token ''counted''' ORDER BY seq").query(String.class).list();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1)).isEqualTo("99 more calls with token 'counted'");
    }

    private String create(String name, int days, boolean readOnly) throws Exception {
        String answer = tokenRequest("{\"name\":\"" + name + "\",\"expiresInDays\":" + days + ",\"readOnly\":" + readOnly + "}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(answer, "$.token");
    }

    private org.springframework.test.web.servlet.ResultActions tokenRequest(String body) throws Exception {
        return mvc.perform(post("/api/v1/me/tokens").with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void aTokenOfAnOwnerWhoMustChangeTheirPasswordOnlyReachesTheSelfService() throws Exception {
        String answer = mvc.perform(post("/api/v1/me/tokens").with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"gate\",\"expiresInDays\":1}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String token = com.jayway.jsonpath.JsonPath.read(answer, "$.token");
        mvc.perform(get("/api/v1/stat").with(bearer(token))).andExpect(status().isOk());
        // the flag is read with the token's account at every call: set now, it holds from the next call
        jdbc.sql("UPDATE app_user SET must_change_password = TRUE WHERE username = ?").param(user).update();
        mvc.perform(get("/api/v1/stat").with(bearer(token)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.error").value("password-change-required"));
        mvc.perform(get("/api/v1/me").with(bearer(token))).andExpect(status().isOk());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor bearer(String token) {
        return request -> {
            request.addHeader("Authorization", "Bearer " + token);
            return request;
        };
    }

}
