package org.vsconsole.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
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
import org.vsconsole.host.config.ConfigManifest;

/**
 * HTTP-native concurrency on a guest: its ETag is its digest; a write with the current ETag as
 * {@code If-Match} happens, one with a stale ETag answers 412 as a problem, changes nothing on
 * disk or in the kernel, and lands in the audit log as denied.
 */
class IfMatchRestTest extends LimitsTestBase {

    private static final String LIMITS = "{\"limits\":{\"nproc\":{\"soft\":100,\"hard\":120}},\"live\":true,\"persistent\":true}";

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private String etagOf(String path) throws Exception {
        return mvc.perform(get(path).with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getHeader("ETag");
    }

    @Test
    void guestAndLimitsAnswerTheDigestAsETag() throws Exception {
        String guest = newGuest(false);
        String quoted = "\"" + digest(guest) + "\"";
        assertThat(etagOf("/api/v1/guests/" + guest)).isEqualTo(quoted);
        assertThat(etagOf("/api/v1/guests/" + guest + "/limits")).isEqualTo(quoted);
    }

    @Test
    void theCurrentETagLetsAWriteThroughWithoutADigestInTheBody() throws Exception {
        String guest = newGuest(true);
        String etag = etagOf("/api/v1/guests/" + guest + "/limits");
        String after = mvc.perform(put("/api/v1/guests/" + guest + "/limits").header("If-Match", etag)
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(LIMITS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.limits.nproc.savedSoft").value(100))
                .andReturn().getResponse().getHeader("ETag");
        assertThat(after).as("the answer carries the new version").isEqualTo("\"" + digest(guest) + "\"").isNotEqualTo(etag);
    }

    @Test
    void aStaleETagIs412ChangesNothingAndIsAuditedAsDenied() throws Exception {
        String guest = newGuest(true);
        String stale = etagOf("/api/v1/guests/" + guest + "/limits");
        Files.writeString(config(guest).configDir().resolve("rlimits/nofile"), "4096\n");
        ConfigManifest before = config(guest).manifest();
        long denied = deniedRefusals();

        mvc.perform(put("/api/v1/guests/" + guest + "/limits").header("If-Match", stale)
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(LIMITS))
                .andExpect(status().isPreconditionFailed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("ETag", "\"" + before.digest() + "\""))
                .andExpect(jsonPath("$.error").value("precondition-failed"))
                .andExpect(jsonPath("$.field").value("If-Match"))
                .andExpect(jsonPath("$.rule").isNotEmpty());
        mvc.perform(put("/api/v1/guests/" + guest + "/tmp").header("If-Match", stale)
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"size\":\"64m\",\"live\":true,\"persistent\":true}"))
                .andExpect(status().isPreconditionFailed());
        mvc.perform(delete("/api/v1/guests/" + guest + "/dlimits/root").header("If-Match", stale)
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isPreconditionFailed());
        mvc.perform(post("/api/v1/guests/" + guest + "/stop").header("If-Match", stale)
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isPreconditionFailed());
        mvc.perform(delete("/api/v1/guests/" + guest).header("If-Match", stale)
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isPreconditionFailed());

        assertThat(config(guest).manifest()).as("nothing written").isEqualTo(before);
        assertThat(driver.callsFor(guest)).as("nothing applied, stopped or deleted").isEmpty();
        assertThat(deniedRefusals()).as("the refusal is audited as denied").isGreaterThan(denied);
    }

    @Test
    void aWeakOrListedETagIsRefusedByName() throws Exception {
        String guest = newGuest(false);
        mvc.perform(put("/api/v1/guests/" + guest + "/limits").header("If-Match", "W/\"" + digest(guest) + "\"")
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(LIMITS))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("If-Match"));
        mvc.perform(post("/api/v1/guests/" + guest + "/start").header("If-Match", "\"a\", \"b\"")
                .with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("If-Match"));
        assertThat(driver.callsFor(guest)).isEmpty();
    }

    private long deniedRefusals() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'api.refused' AND outcome = 'denied'")
                .query(Long.class).single();
    }
}
