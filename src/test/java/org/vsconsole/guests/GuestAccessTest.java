package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.tabs.Tab;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.host.config.NewGuest;
import org.vsconsole.security.Role;
import org.vsconsole.security.UserAccountService;

/**
 * Owner isolation and role limits on guests, through the views, the service and REST: an owner
 * sees and touches only the guests assigned, cannot open another's guest by URL, and an auditor
 * reads everything but changes nothing. Every refused call leaves a denied audit row.
 */
@ConsoleSpringTest
@ViewPackages(packages = {"org.vsconsole.guests", "org.vsconsole.security", "org.vsconsole.base"})
class GuestAccessTest extends com.vaadin.browserless.SpringBrowserlessTest {

    private static final String OWNER = "olga-owner";
    private static final String OWNER_PASSWORD = "olga-owner-password-1";

    @Autowired
    GuestConfigWriter writer;

    @Autowired
    UserAccountService accounts;

    @Autowired
    GuestService guests;

    @Autowired
    GuestProcessService processes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebApplicationContext context;

    @BeforeEach
    void guestsAndOwner() throws IOException {
        guest("own1", 2501, "10.77.0.11");
        guest("other1", 2502, "10.77.0.12");
        var previous = SecurityContextHolder.getContext();
        try {
            // A context of its own: the test's @WithMockUser context must stay as it is.
            var admin = SecurityContextHolder.createEmptyContext();
            admin.setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                    AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
            SecurityContextHolder.setContext(admin);
            if (accounts.list().stream().noneMatch(u -> u.username().equals(OWNER))) {
                accounts.create(OWNER, OWNER_PASSWORD, EnumSet.of(Role.OWNER), Set.of("own1"));
                // An account an admin creates must change its password; this test is not about that.
                jdbc.sql("UPDATE app_user SET must_change_password = FALSE WHERE username = ?").param(OWNER).update();
            }
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    @Test
    @WithMockUser(username = OWNER, roles = "OWNER")
    void ownerListsOnlyTheirOwnGuest() {
        navigate(GuestListView.class);
        @SuppressWarnings("unchecked")
        Grid<GuestSummary> grid = $(Grid.class).id("guest-grid");
        List<String> names = test(grid).size() == 0
                ? List.of()
                : java.util.stream.IntStream.range(0, test(grid).size()).mapToObj(i -> test(grid).getRow(i).name()).toList();
        assertThat(names).contains("own1").doesNotContain("other1");
        assertThat(guests.list()).extracting(GuestSummary::name).contains("own1").doesNotContain("other1");
    }

    @Test
    @WithMockUser(username = OWNER, roles = "OWNER")
    void ownerCannotOpenAnotherGuestByUrlNorActOnIt() {
        navigate("guests/own1", GuestDetailView.class);
        assertThat(getCurrentView()).isInstanceOf(GuestDetailView.class);

        assertThatThrownBy(() -> navigate("guests/other1", GuestDetailView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(getCurrentView()).isNotInstanceOf(GuestDetailView.class);

        assertThatThrownBy(() -> guests.start("other1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> guests.config("other1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> guests.delete("own1", "own1")).isInstanceOf(AccessDeniedException.class);
        long denied = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = 'guest.start'"
                + " AND target_guest = 'other1' AND outcome = 'denied'").param(OWNER).query(Long.class).single();
        assertThat(denied).isPositive();
    }

    @Test
    @WithMockUser(username = "ada-auditor", roles = "AUDITOR")
    void auditorSeesEveryGuestButChangesNothing() {
        navigate(GuestListView.class);
        assertThat($(Button.class).all()).extracting(Button::getText).doesNotContain("Start", "Stop", "Restart", "New guest");
        assertThat(guests.list()).extracting(GuestSummary::name).contains("own1", "other1");
        navigate("guests/other1", GuestDetailView.class);
        // Only visible components are found: the lifecycle buttons are not shown to an auditor.
        assertThat($(Button.class).all()).extracting(b -> b.getId().orElse(""))
                .doesNotContain("guest-start", "guest-stop", "guest-restart", "guest-delete");
        assertThat($(Tab.class).all()).extracting(Tab::getLabel).doesNotContain("Console");
        assertThatThrownBy(() -> guests.start("own1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> processes.exec("own1", List.of("id"), line -> {
        })).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithMockUser(username = "otto-operator", roles = "OPERATOR")
    void operatorOpensAnyGuestWithItsConsole() {
        navigate("guests/other1", GuestDetailView.class);
        assertThat($(Tab.class).all()).extracting(Tab::getLabel).contains("Overview", "Configuration", "Network",
                "Processes", "Console", "Audit");
    }

    @Test
    void ownerOverRestSeesOnlyTheirGuestAndIsRefusedTheOther() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        mvc.perform(get("/api/v1/guests").with(httpBasic(OWNER, OWNER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name").value(org.hamcrest.Matchers.hasItem("own1")))
                .andExpect(jsonPath("$[*].name").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("other1"))));
        mvc.perform(get("/api/v1/guests/other1").with(httpBasic(OWNER, OWNER_PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value("forbidden"));
        mvc.perform(post("/api/v1/guests/other1/stop").with(httpBasic(OWNER, OWNER_PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/guests/own1/exec").with(httpBasic(OWNER, OWNER_PASSWORD))
                .contentType("application/json").content("{\"command\":[\"id\"]}"))
                .andExpect(status().isForbidden());
    }

    private void guest(String name, int xid, String ip) throws IOException {
        if (writer.reader().listGuestNames().contains(name)) {
            return;
        }
        writer.createGuest(new NewGuest(name, xid, name, null, List.of(new InterfaceSpec(ip, 24, "eth0", null, false)),
                "16m", false, Map.of()));
    }
}
