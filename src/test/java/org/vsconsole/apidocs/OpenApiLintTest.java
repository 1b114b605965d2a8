package org.vsconsole.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served {@code /v3/api-docs} passes the lint with no error and no warning (but the licence): every operation
 * has a summary, a description, a declared tag, a unique operationId, its path parameters, a
 * security requirement of a defined scheme, a documented 4xx answer, and every error answer is a
 * problem. The findings are printed, so a failure says what to fix.
 */
@ConsoleSpringTest
class OpenApiLintTest {

    @Autowired
    WebApplicationContext context;

    static JsonNode served(WebApplicationContext context) throws Exception {
        var mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        String body = mvc.perform(get("/v3/api-docs").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        return JsonMapper.builder().build().readTree(body);
    }

    @Test
    void theServedSpecHasNoLintErrorAndNoWarningButTheMissingLicence() throws Exception {
        JsonNode spec = served(context);
        List<OpenApiLint.Finding> findings = OpenApiLint.check(spec);
        long errors = findings.stream().filter(f -> f.severity() == OpenApiLint.Severity.ERROR).count();
        System.out.println("OpenAPI lint: " + errors + " errors, " + (findings.size() - errors) + " warnings, "
                + operations(spec) + " operations");
        // The project has not chosen a licence, and the description must not invent one.
        List<OpenApiLint.Finding> open = findings.stream().filter(f -> !f.rule().equals("info-license")).toList();
        assertThat(open).as(open.stream().map(Object::toString).collect(Collectors.joining("\n"))).isEmpty();
    }

    @Test
    void theSpecIsOpenApi31AndDeclaresBothWaysToSignIn() throws Exception {
        JsonNode spec = served(context);
        assertThat(spec.path("openapi").asString()).startsWith("3.1");
        JsonNode schemes = spec.path("components").path("securitySchemes");
        assertThat(schemes.path("basicAuth").path("scheme").asString()).isEqualTo("basic");
        assertThat(schemes.path("bearerToken").path("scheme").asString()).isEqualTo("bearer");
    }

    static int operations(JsonNode spec) {
        int n = 0;
        for (String path : spec.path("paths").propertyNames()) {
            for (String method : spec.path("paths").path(path).propertyNames()) {
                if (OpenApiLint.METHODS.contains(method)) {
                    n++;
                }
            }
        }
        return n;
    }
}
