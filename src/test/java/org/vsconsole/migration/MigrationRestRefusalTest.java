package org.vsconsole.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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

/**
 * A move named from a host the console does not manage, or to no host, is refused naming the
 * field, starts no job, and is in the audit log as failed all the same.
 */
@ConsoleSpringTest
class MigrationRestRefusalTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void aMoveFromAnUnmanagedHostIsRefusedByNameAndAudited() throws Exception {
        long jobsBefore = jdbc.sql("SELECT COUNT(*) FROM job WHERE kind = 'guest.migrate'").query(Long.class).single();

        mvc.perform(post("/api/v1/hosts/nosuchhost/guests/web1/migrate").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"targetHost\":\"second\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("host"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("no managed host named 'nosuchhost'")));
        mvc.perform(post("/api/v1/hosts/nosuchhost/guests/web1/migrate/preflight")
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"targetHost\":\"second\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("host"));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM job WHERE kind = 'guest.migrate'").query(Long.class).single())
                .as("no job started").isEqualTo(jobsBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'guest.migrate' AND outcome = 'failed'"
                + " AND target_detail = 'guest web1 on host nosuchhost'").query(Long.class).single()).isEqualTo(1);
    }
}
