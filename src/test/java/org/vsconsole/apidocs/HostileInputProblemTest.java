package org.vsconsole.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile and broken calls, as an admin (past every role check): each is refused with a problem
 * ({@code application/problem+json}) whose {@code status} is the HTTP status, and a 400 names the
 * field and the rule. Covers what no controller sees: a body that is no JSON, a wrong media type,
 * a parameter of the wrong type, a URL the firewall rejects, an unknown path or method under the
 * API (404: no endpoint answers it).
 */
@ConsoleSpringTest
class HostileInputProblemTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    org.vsconsole.security.UserAccountService accounts;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    MockMvc mvc;
    String admin;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        admin = OwnAdmin.create(accounts, jdbc, "api-hostile-admin");
    }

    static Stream<Arguments> hostile() {
        String json = "application/json";
        return Stream.of(
                Arguments.of("POST", "/api/v1/guests", json, "{\"name\":\"../../etc\",\"build\":{\"method\":\"skeleton\"}}", 400, "name"),
                Arguments.of("POST", "/api/v1/guests", json, "{\"name\":\"a\\u0000b\"}", 400, "name"),
                Arguments.of("POST", "/api/v1/guests", json, "{\"name\":\"ok1\",\"context\":\"99999999999999999999\"}", 400, "context"),
                Arguments.of("POST", "/api/v1/guests", json, "[1,2", 400, "body"),
                Arguments.of("POST", "/api/v1/guests", json, "{\"name\":[\"x\"]}", 400, "body"),
                Arguments.of("POST", "/api/v1/guests", "text/plain", "name=x", 415, null),
                Arguments.of("PATCH", "/api/v1/guests", json, "{}", 404, null),
                Arguments.of("GET", "/api/v1/guests/..%2F..%2Fetc", null, null, 400, "path"),
                Arguments.of("GET", "/api/v1/guests/no-such-guest", null, null, 400, null),
                Arguments.of("GET", "/api/v1/jobs/not-a-number", null, null, 400, "id"),
                Arguments.of("GET", "/api/v1/audit?from=yesterday", null, null, 400, "from"),
                Arguments.of("GET", "/api/v1/audit?outcome=maybe", null, null, 400, "outcome"),
                Arguments.of("POST", "/api/v1/me/tokens", json, "{\"name\":\"x\",\"expiresInDays\":\"soon\"}", 400, "body"),
                Arguments.of("POST", "/api/v1/me/tokens", json, "{\"name\":\"\"}", 400, "name"),
                Arguments.of("DELETE", "/api/v1/guests/dl-none/dlimits/0", null, null, 400, null),
                Arguments.of("POST", "/api/v1/guests/no-such-guest/start", null, null, 400, null),
                Arguments.of("PUT", "/api/v1/guests/no-such-guest/limits", json, "{\"limits\":{}}", 400, null),
                Arguments.of("POST", "/api/v1/guests/x/start", null, null, 400, null),
                Arguments.of("GET", "/api/v1/no-such-endpoint", null, null, 404, null));
    }

    @ParameterizedTest(name = "{0} {1} {3} → {4}")
    @MethodSource("hostile")
    void isRefusedWithAProblem(String method, String path, String type, String body, int status, String field)
            throws Exception {
        var request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path)
                .with(httpBasic(admin, OwnAdmin.PASSWORD));
        if (body != null) {
            request.contentType(type).content(body);
        }
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).as(response.getContentAsString()).startsWith("application/problem+json");
        JsonNode problem = JsonMapper.builder().build().readTree(response.getContentAsString());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).startsWith("urn:vsconsole:problem:");
        assertThat(problem.path("error").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        if (status == 400) {
            assertThat(problem.path("field").asString()).as("names the field").isNotBlank();
            assertThat(problem.path("rule").asString()).as("names the rule").isNotBlank();
        }
        if (field != null) {
            assertThat(problem.path("field").asString()).isEqualTo(field);
        }
    }
}
