package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;

/**
 * Refusals no service saw (a bad query parameter, a malformed or oversized body) are audited too,
 * as api.refused naming the field and rule, one row for a burst of the same call; a refusal a
 * service audited itself is not written twice.
 */
@ConsoleSpringTest
class RefusalAuditTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private long startSeq;

    @org.junit.jupiter.api.BeforeEach
    void rememberWhereTheLogIs() {
        startSeq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_event").query(Long.class).single();
    }

    @Test
    void refusalsBeforeAnyServiceAreAuditedOncePerBurst() throws Exception {
        var mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        for (int i = 0; i < 20; i++) {
            mvc.perform(get("/api/v1/audit").param("limit", "0").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                    .andExpect(status().isBadRequest());
        }
        mvc.perform(post("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON).content("[1,2")
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/guests").contentType(MediaType.APPLICATION_JSON).content("x".repeat(1_100_000)))
                .andExpect(status().isPayloadTooLarge());

        assertThat(rows("GET /api/v1/audit")).singleElement()
                .satisfies(r -> assertThat((String) r.get("MESSAGE")).isEqualTo("400 limit: must be between 1 and 1000"));
        assertThat(rows("POST /api/v1/me/password")).singleElement()
                .satisfies(r -> assertThat((String) r.get("MESSAGE")).startsWith("400 body:"));
        assertThat(rows("POST /api/v1/guests")).singleElement()
                .satisfies(r -> assertThat((String) r.get("MESSAGE")).startsWith("413 body:"));
    }

    @Test
    void aRefusalTheServiceAuditedIsNotWrittenTwice() throws Exception {
        var mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        mvc.perform(post("/api/v1/me/tokens").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}")
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))).andExpect(status().isBadRequest());
        assertThat(rows("POST /api/v1/me/tokens")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'token.create' AND outcome = 'failed'")
                .query(Long.class).single()).isPositive();
    }

    private List<Map<String, Object>> rows(String call) {
        // Other classes refuse the same calls in this shared database: only rows written since this
        // test began count, and of those only the first row of a burst, since a burst an earlier
        // class left open may be closed (its "N more refusals" row written) while this test runs.
        return jdbc.sql("SELECT message FROM audit_event WHERE action = 'api.refused' AND target_detail = ? AND seq > ?"
                + " AND message NOT LIKE '% more refusals of the same call%'")
                .param(call).param(startSeq).query().listOfRows();
    }
}
