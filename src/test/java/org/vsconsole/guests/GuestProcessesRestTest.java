package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;

/**
 * A script lists a guest's processes and signals one by name, or all of them, as {@code vps} and
 * {@code vkill} do; a signal outside the allow-list is refused naming the field and reaches no process.
 */
class GuestProcessesRestTest extends GuestsTestBase {

    @Autowired
    WebApplicationContext context;

    @Test
    void aScriptListsTheGuestsProcessesAndSignalsOneByName() throws Exception {
        guest("procs1", 4641, "10.71.4.1");
        sampler.sample();
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        mvc.perform(post("/api/v1/guests/procs1/start").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk());

        mvc.perform(get("/api/v1/guests/procs1/processes").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].pid").value(10_000 + 4641))
                .andExpect(jsonPath("$[0].command").value("init of procs1"));

        mvc.perform(post("/api/v1/guests/procs1/processes/14641/signal").contentType(MediaType.APPLICATION_JSON)
                .content("{\"signal\":\"SIGHUP\"}").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.signal").value("HUP"));
        assertThat(kernel.callsFor("procs1")).contains("kill procs1 4641 pid 14641 signal 1");
        assertThat(lastAudit("guest.kill", "procs1").get("outcome")).isEqualTo("ok");

        mvc.perform(post("/api/v1/guests/procs1/processes/14641/signal").contentType(MediaType.APPLICATION_JSON)
                .content("{\"signal\":\"RTMIN+3\"}").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("signal"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("TERM")));
        assertThat(kernel.callsFor("procs1")).filteredOn(c -> c.startsWith("kill")).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'guest.kill' AND target_guest = 'procs1'")
                .query(Long.class).single()).as("one signal sent, one row").isEqualTo(1);

        // every process of the guest at once, as vkill --xid does
        mvc.perform(post("/api/v1/guests/procs1/processes/signal").contentType(MediaType.APPLICATION_JSON)
                .content("{\"signal\":\"TERM\"}").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.signal").value("TERM"))
                .andExpect(jsonPath("$.processes").value(1));
        assertThat(kernel.callsFor("procs1")).contains("kill procs1 4641 pid 14641 signal 15");
        assertThat(lastAudit("guest.signal-all", "procs1").get("outcome")).isEqualTo("ok");
    }
}
