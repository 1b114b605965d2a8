package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;

/**
 * A guest's state is one GET away, and starting a guest that already runs is a conflict with its
 * state (409 naming the field), not a server fault.
 */
class StartRunningGuestTest extends GuestsTestBase {

    @Autowired
    WebApplicationContext context;

    @Test
    void aSecondStartAnswers409AndIsAuditedAsDenied() throws Exception {
        guest("twice1", 4631, "10.71.3.1");
        sampler.sample();
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();

        mvc.perform(get("/api/v1/guests/twice1/state").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("stopped"))
                .andExpect(jsonPath("$.running").value(false));
        mvc.perform(post("/api/v1/guests/twice1/start").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/guests/twice1/state").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("running"))
                .andExpect(jsonPath("$.running").value(true));
        mvc.perform(post("/api/v1/guests/twice1/start").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("state"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("already running")));

        assertThat(kernel.callsFor("twice1")).containsOnlyOnce("start twice1 4631");
        assertThat(lastAudit("guest.start", "twice1").get("outcome")).isEqualTo("denied");
    }
}
