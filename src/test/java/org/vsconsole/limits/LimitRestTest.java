package org.vsconsole.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.host.config.ConfigManifest;

/** The limits REST API with HTTP Basic as the real admin: 400 on bad input (nothing done), 409 on a stale digest. */
class LimitRestTest extends LimitsTestBase {

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private static String body(String limits, String digest) {
        return "{\"limits\":" + limits + ",\"live\":true,\"persistent\":true,\"digest\":\"" + digest + "\"}";
    }

    @Test
    void getShowsEveryLimitWithUnitsAndDigest() throws Exception {
        String guest = newGuest(true);
        mvc.perform(get("/api/v1/guests/" + guest + "/limits").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.digest").value(digest(guest)))
                .andExpect(jsonPath("$.limits.nproc.unit").value("processes"))
                .andExpect(jsonPath("$.limits.rss.unit").value("pages"))
                .andExpect(jsonPath("$.limits.nofile.savedSoft").value(1024))
                .andExpect(jsonPath("$.limits.nproc.hits").value(0))
                .andExpect(jsonPath("$.limits.nproc.soft").value(-1))
                .andExpect(jsonPath("$.diskLimitsEnforced").value(false))
                .andExpect(jsonPath("$.diskQuota.enforced").value(false))
                .andExpect(jsonPath("$.diskQuota.state").value("not enforced: no disk limit set"))
                .andExpect(jsonPath("$.diskQuota.usedKiB").doesNotExist());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"../../x\":{\"soft\":1,\"hard\":2}}",
            "{\"nproc\":{\"soft\":-1,\"hard\":2}}",
            "{\"nproc\":{\"soft\":1.5,\"hard\":2}}",
            "{\"nproc\":{\"soft\":\"+1\",\"hard\":2}}",
            "{\"nproc\":{\"soft\":\"abc\",\"hard\":2}}",
            "{\"nproc\":{\"soft\":\"\u0661\",\"hard\":2}}",
            "{\"nproc\":{\"soft\":1,\"hard\":99999999999}}",
            "{\"nproc\":{\"soft\":200,\"hard\":100}}",
            "{\"nproc\":{\"hard\":100}}",
            "{}"})
    void badInputIs400AndNothingIsWrittenOrApplied(String limits) throws Exception {
        String guest = newGuest(true);
        ConfigManifest before = config(guest).manifest();
        mvc.perform(put("/api/v1/guests/" + guest + "/limits").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body(limits, before.digest())))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.error").value("invalid-input"))
                .andExpect(jsonPath("$.field").isNotEmpty())
                .andExpect(jsonPath("$.rule").isNotEmpty());
        assertThat(config(guest).manifest()).isEqualTo(before);
        assertThat(driver.callsFor(guest)).isEmpty();
    }

    @Test
    void goodPutSavesAndApplies() throws Exception {
        String guest = newGuest(true);
        ConfigManifest before = config(guest).manifest();
        mvc.perform(put("/api/v1/guests/" + guest + "/limits").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body("{\"nproc\":{\"soft\":100,\"hard\":\"120\"}}", before.digest())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.limits.nproc.savedSoft").value(100))
                .andExpect(jsonPath("$.limits.nproc.hard").value(120))
                .andExpect(jsonPath("$.liveApplied").value(true));
        assertThat(before.differences(config(guest).manifest())).containsExactly("rlimits/nproc.hard", "rlimits/nproc.soft");
        assertThat(driver.callsFor(guest)).containsExactly("setLimitLive " + guest + " nproc 100/120");
    }

    @Test
    void staleDigestIs409WithTheChangedFiles() throws Exception {
        String guest = newGuest(true);
        String read = mvc.perform(get("/api/v1/guests/" + guest + "/limits").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andReturn().getResponse().getContentAsString();
        String digest = read.replaceAll(".*\"digest\":\"([0-9a-f]+)\".*", "$1");
        Files.writeString(config(guest).configDir().resolve("rlimits/nofile"), "4096\n");
        ConfigManifest before = config(guest).manifest();

        mvc.perform(put("/api/v1/guests/" + guest + "/limits").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body("{\"nproc\":{\"soft\":1,\"hard\":2}}", digest)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.error").value("conflict"))
                .andExpect(jsonPath("$.changedFiles[0]").value("rlimits/nofile"))
                .andExpect(jsonPath("$.actualDigest").value(before.digest()));
        assertThat(config(guest).manifest()).isEqualTo(before);
        assertThat(driver.callsFor(guest)).isEmpty();

        mvc.perform(put("/api/v1/guests/" + guest + "/tmp").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"size\":\"64m\",\"live\":true,\"persistent\":true,\"digest\":\"" + digest + "\"}"))
                .andExpect(status().isConflict());
    }

    @Test
    void aSavedDiskLimitIsAppliedAndTheLimitsShowItsStateAndUsage() throws Exception {
        String guest = newGuest(false);
        String root = Files.readSymbolicLink(config(guest).configDir().resolve("vdir")).toString();
        mvc.perform(put("/api/v1/guests/" + guest + "/dlimits/root").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"directory\":\"" + root + "\",\"spaceTotalKiB\":2048,\"inodesTotal\":100,"
                        + "\"reservedPercent\":5,\"digest\":\"" + digest(guest) + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diskQuota.state").value("enforced"));
        assertThat(driver.callsFor(guest)).containsExactly("applyDiskQuota " + guest + " 2048KiB/100");

        mvc.perform(get("/api/v1/guests/" + guest + "/limits").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.diskLimitsEnforced").value(true))
                .andExpect(jsonPath("$.diskQuota.enforced").value(true))
                .andExpect(jsonPath("$.diskQuota.usedKiB").value(300))
                .andExpect(jsonPath("$.diskQuota.inodesUsed").value(5))
                .andExpect(jsonPath("$.diskQuota.limitKiB").value(2048))
                .andExpect(jsonPath("$.diskQuota.limitInodes").value(100));
    }

    @Test
    void tmpSizeOverRest() throws Exception {
        String guest = newGuest(true);
        String digest = digest(guest);
        mvc.perform(put("/api/v1/guests/" + guest + "/tmp").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"size\":\"64q\",\"live\":true,\"persistent\":true,\"digest\":\"" + digest + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("tmp size"));
        mvc.perform(put("/api/v1/guests/" + guest + "/tmp").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"size\":\"64m\",\"live\":true,\"persistent\":true,\"digest\":\"" + digest + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.tmpSize").value("64m"));
        assertThat(driver.callsFor(guest)).containsExactly("remountTmp " + guest + " 64m");
    }

    @Test
    void presetAppliesToSeveralGuestsOverRest() throws Exception {
        String a = newGuest(true);
        String b = newGuest(false);
        mvc.perform(post("/api/v1/limit-presets/large/apply").with(httpBasic("admin", ConsoleSpringTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"guests\":[\"" + a + "\",\"" + b + "\",\"nope\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].ok").value(true))
                .andExpect(jsonPath("$[1].ok").value(true))
                .andExpect(jsonPath("$[2].ok").value(false));
        assertThat(config(b).rlimits().get("nproc").hard()).isEqualTo(1500);
    }
}
