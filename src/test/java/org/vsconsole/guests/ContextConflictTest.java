package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.limits.LimitEdit;
import org.vsconsole.limits.LimitService;
import org.vsconsole.monitoring.HostSnapshot;

/**
 * One context, one guest: when a second config tree claims a context that a guest holds, the
 * second guest is shown as "Context conflict" everywhere and every action on it is refused with
 * the holder's name, audited as denied against the guest that was asked for. The driver here
 * keeps one context per id, as the linux driver does; LinuxDriverIT shows the real driver
 * refusing the same actions on its own.
 */
@WithMockUser(username = "admin", roles = "ADMIN")
class ContextConflictTest extends GuestsTestBase {

    @Autowired
    GuestService guests;

    @Autowired
    GuestProcessService processes;

    @Autowired
    LimitService limits;

    @Autowired
    org.vsconsole.limits.TmpSizeService tmp;

    @Autowired
    WebApplicationContext context;

    @Autowired
    org.vsconsole.sync.DriftDecisions decisions;

    @Test
    void stopOnTheSecondClaimantIsRefusedAndTheHolderKeepsRunning() throws Exception {
        guest("web1", 4242, "10.66.0.1");
        guests.start("web1");
        handCopy("web1", "web2", "10.66.0.2");

        HostSnapshot snapshot = sampler.sample();
        assertThat(snapshot.guest("web1").running()).isTrue();
        assertThat(snapshot.guest("web2").running()).as("one context, one running guest").isFalse();
        assertThat(state("web1")).isEqualTo(GuestState.RUNNING);
        assertThat(state("web2")).isEqualTo(GuestState.CONTEXT_CONFLICT);

        assertThatThrownBy(() -> guests.stop("web2")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("context 4242 is also claimed by guest web1");

        assertThat(kernel.inside(4242)).contains("web1");
        assertThat(kernel.callsFor("web2")).doesNotContain("stop web2 4242");
        assertThat(guests.isRunning("web1")).isTrue();
        assertThat(guests.isRunning("web2")).isFalse();
        Map<String, Object> row = lastAudit("guest.stop", "web2");
        assertThat(row.get("outcome")).isEqualTo("denied");
        assertThat(row.get("actor")).isEqualTo("admin");
        assertThat((String) row.get("message")).contains("context 4242 is also claimed by guest web1");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'guest.stop' AND target_guest = 'web1'")
                .query(Long.class).single()).as("nothing was done to the holder in its neighbour's name").isZero();
    }

    @Test
    void everyActionOnTheSecondClaimantIsRefusedNamingTheHolderAndAudited() {
        guest("app1", 4243, "10.66.0.3");
        guests.start("app1");
        handCopy("app1", "app2", "10.66.0.4");
        sampler.sample();
        String digest = limits.limits("app2").digest();

        Map<String, Runnable> actions = new java.util.LinkedHashMap<>();
        actions.put("guest.start", () -> guests.start("app2"));
        actions.put("guest.stop", () -> guests.stop("app2"));
        actions.put("guest.restart", () -> guests.restart("app2"));
        actions.put("guest.exec", () -> processes.exec("app2", List.of("id"), line -> {
        }));
        actions.put("guest.kill", () -> processes.kill("app2", 10_000 + 4243, "TERM"));
        actions.put("limits.set", () -> limits.apply("app2", Map.of("nproc", new LimitEdit("100", "120")), true, false, digest));
        actions.put("limits.tmp-size", () -> tmp.setTmpSize("app2", "32m", true, false, digest));
        actions.put("guest.delete", () -> guests.delete("app2", "app2"));
        actions.forEach((action, call) -> {
            assertThatThrownBy(call::run).as(action).isInstanceOf(ActionRefusedException.class)
                    .hasMessageContaining("context 4243 is also claimed by guest app1");
            Map<String, Object> row = lastAudit(action, "app2");
            assertThat(row.get("outcome")).as(action).isEqualTo("denied");
            assertThat((String) row.get("message")).as(action).contains("claimed by guest app1");
        });

        assertThat(kernel.callsFor("app2")).as("the driver never heard of app2").isEmpty();
        assertThat(kernel.inside(4243)).contains("app1");
        assertThat(processes.processes("app2")).as("the context's processes are app1's").isEmpty();
        assertThat(processes.processes("app1")).extracting(p -> p.command()).containsExactly("init of app1");
        assertThat(guests.config("app2").configDir()).as("the delete was refused before touching the tree").isDirectory();
    }

    @Test
    void theRunningClaimantHoldsTheContextEvenWhenItsNameSortsLater() {
        guest("zeta", 4244, "10.66.0.5");
        guests.start("zeta");
        sampler.sample();
        // a copy of zeta's tree, under a name that sorts first
        handCopy("zeta", "alpha", "10.66.0.6");
        sampler.sample();

        assertThat(state("zeta")).isEqualTo(GuestState.RUNNING);
        assertThat(state("alpha")).isEqualTo(GuestState.CONTEXT_CONFLICT);
        assertThatThrownBy(() -> guests.stop("alpha")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("context 4244 is also claimed by guest zeta");
        assertThat(kernel.inside(4244)).contains("zeta");
    }

    @Test
    void whenNeitherRunsTheNameThatSortsLaterIsTheOneInConflict() {
        guest("pair-b", 4245, "10.66.0.7");
        handCopy("pair-b", "pair-a", "10.66.0.8");
        sampler.sample();

        assertThat(state("pair-a")).isEqualTo(GuestState.STOPPED);
        assertThat(state("pair-b")).isEqualTo(GuestState.CONTEXT_CONFLICT);
        assertThatThrownBy(() -> guests.start("pair-b")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("context 4245 is also claimed by guest pair-a");
        assertThat(kernel.inside(4245)).isEmpty();

        // pair-a was made by hand: adopted, it may start (UnmanagedGuestActionsTest)
        decisions.adopt("pair-a");
        guests.start("pair-a");
        assertThat(kernel.inside(4245)).contains("pair-a");
        assertThat(state("pair-b")).isEqualTo(GuestState.CONTEXT_CONFLICT);
    }

    @Test
    void restListsTheSecondClaimantAsContextConflictWithTheReason() throws Exception {
        guest("api1", 4246, "10.66.0.9");
        guests.start("api1");
        handCopy("api1", "api2", "10.66.0.10");
        sampler.sample();

        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity()).build();
        mvc.perform(get("/api/v1/guests").with(user("ops").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'api2')].state").value("context-conflict"))
                .andExpect(jsonPath("$[?(@.name == 'api2')].running").value(false))
                .andExpect(jsonPath("$[?(@.name == 'api2')].conflict").value("context 4246 is also claimed by guest api1"))
                .andExpect(jsonPath("$[?(@.name == 'api1')].state").value("running"));
        mvc.perform(post("/api/v1/guests/api2/stop").with(user("ops").roles("OPERATOR")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.rule").value("context 4246 is also claimed by guest api1"));
        assertThat(kernel.inside(4246)).contains("api1");
        assertThat(lastAudit("guest.stop", "api2").get("actor")).isEqualTo("ops");
    }

    @Test
    void theListAndTheDetailPageShowTheConflictAndOfferNoAction() {
        guest("view1", 4247, "10.66.0.11");
        guests.start("view1");
        handCopy("view1", "view2", "10.66.0.12");
        sampler.sample();

        navigate(GuestListView.class);
        @SuppressWarnings("unchecked")
        Grid<GuestSummary> grid = $(Grid.class).id("guest-grid");
        GuestSummary row = IntStream.range(0, test(grid).size()).mapToObj(i -> test(grid).getRow(i))
                .filter(r -> r.name().equals("view2")).findFirst().orElseThrow();
        assertThat(row.state().label()).isEqualTo("Context conflict");
        Span badge = GuestBadges.stateBadge(row);
        assertThat(badge.getText()).isEqualTo("Context conflict");
        assertThat(badge.getElement().getAttribute("title")).isEqualTo("context 4247 is also claimed by guest view1");

        navigate("guests/view2", GuestDetailView.class);
        assertThat($(Span.class).id("guest-state").getText()).isEqualTo("Context conflict");
        assertThat($(Span.class).id("guest-figures").getText()).contains("context 4247 is also claimed by guest view1");
        assertThat($(Button.class).id("guest-start").isEnabled()).isFalse();
        assertThat($(Button.class).id("guest-stop").isEnabled()).isFalse();
        assertThat($(Button.class).id("guest-restart").isEnabled()).isFalse();
    }

    @Test
    void aGuestIsNotStartedWhileARunningGuestHasItsAddress() {
        guest("ip-first", 4248, "10.66.0.20");
        guest("ip-second", 4249, "10.66.0.21");
        handSetAddress("ip-second", "10.66.0.20");
        guests.start("ip-first");

        assertThatThrownBy(() -> guests.start("ip-second")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("address 10.66.0.20 is also claimed by guest ip-first, which is running");
        assertThat(kernel.inside(4249)).isEmpty();
        assertThat(lastAudit("guest.start", "ip-second").get("outcome")).isEqualTo("denied");

        guests.stop("ip-first");
        guests.start("ip-second");
        assertThat(kernel.inside(4249)).contains("ip-second");
        assertThatThrownBy(() -> guests.start("ip-first")).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("address 10.66.0.20 is also claimed by guest ip-second, which is running");
    }

    private GuestState state(String name) {
        return guests.list().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow().state();
    }
}
