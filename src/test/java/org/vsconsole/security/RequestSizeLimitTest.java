package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;

/** API bodies over 1 MB are refused with 413 before authentication or parsing; a malformed body names the field. */
@ConsoleSpringTest
class RequestSizeLimitTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTwoMegabyteBodyIsRefusedBeforeAnythingReadsIt() throws Exception {
        var mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        long lastSeq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_event").query(Long.class).single();
        String big = "{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";

        mvc.perform(post("/api/v1/guests").contentType(MediaType.APPLICATION_JSON).content(big)
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.error").value("payload-too-large"));
        mvc.perform(post("/api/v1/guests").contentType(MediaType.APPLICATION_JSON).content(big))
                .andExpect(status().isPayloadTooLarge());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE LENGTH(CAST(before_json AS VARCHAR)) > 1000000")
                .query(Long.class).single()).isZero();
        // the two callers' rows only: the shared context's sync and sampler write rows of their own meanwhile
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE seq > ? AND action <> 'api.refused'"
                + " AND actor IN ('admin', 'anonymous')").param(lastSeq).query(Long.class).single())
                .as("only the refusal itself (api.refused, aggregated) reached the audit log").isZero();

        mvc.perform(post("/api/v1/me/tokens").contentType(MediaType.APPLICATION_JSON).content("{not json")
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("body"));
    }

    @Test
    void aBodyWithoutALengthIsCutOffAtTheLimitWhileRead() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/guests") {

            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContent(new byte[(int) RequestSizeLimitFilter.MAX_BYTES + 10]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new RequestSizeLimitFilter().doFilter(request, response, (req, res) -> req.getInputStream().readAllBytes());
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("payload-too-large");
    }
}
