package org.vsconsole.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import tools.jackson.databind.json.JsonMapper;

/** Every collection pages the same way: offset and limit, refused by name when out of range, the total in a header. */
@ConsoleSpringTest
class PagingRestTest {

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
        admin = OwnAdmin.create(accounts, jdbc, "api-paging-admin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/guests", "/api/v1/jobs", "/api/v1/terminal-sessions", "/api/v1/audit"})
    void outOfRangeOffsetAndLimitAreRefusedByName(String collection) throws Exception {
        for (String limit : new String[]{"0", "1001"}) {
            mvc.perform(get(collection).param("limit", limit).with(httpBasic(admin, OwnAdmin.PASSWORD)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.field").value("limit"))
                    .andExpect(jsonPath("$.rule").value("must be between 1 and 1000"));
        }
        mvc.perform(get(collection).param("offset", "-1").with(httpBasic(admin, OwnAdmin.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("offset"))
                .andExpect(jsonPath("$.rule").value("must be 0 or more"));
        mvc.perform(get(collection).param("limit", "ten").with(httpBasic(admin, OwnAdmin.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("limit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/guests", "/api/v1/terminal-sessions", "/api/v1/audit"})
    void aPageIsAtMostLimitLongAndTheTotalIsInTheHeader(String collection) throws Exception {
        var response = mvc.perform(get(collection).param("offset", "0").param("limit", "1")
                .with(httpBasic(admin, OwnAdmin.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(header().exists("X-Total-Count"))
                .andReturn().getResponse();
        var body = JsonMapper.builder().build().readTree(response.getContentAsString());
        var items = body.isArray() ? body : body.path("events");
        long total = Long.parseLong(response.getHeader("X-Total-Count"));
        assertThat(items.size()).isLessThanOrEqualTo(1).isEqualTo((int) Math.min(1, total));
        if (!body.isArray()) {
            assertThat(body.path("total").asLong()).isEqualTo(total);
        }
    }
}
