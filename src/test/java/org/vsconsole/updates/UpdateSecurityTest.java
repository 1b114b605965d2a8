package org.vsconsole.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsconsole.security.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.host.config.NewGuest;
import org.vsconsole.jobs.Job;
import org.vsconsole.security.Role;
import org.vsconsole.security.UserAccountService;

/**
 * Who may update what, enforced in the service whatever calls it: an AUDITOR never, an OWNER
 * only their own guests ("all" means all of theirs), each refusal audited as denied; REST maps
 * the same to 403, and refused input to 400 naming the field.
 */
@ConsoleSpringTest
class UpdateSecurityTest {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String PASSWORD = "updates-pass-12345";

    @Autowired
    UpdateService updates;

    @Autowired
    UserAccountService accounts;

    @Autowired
    GuestConfigWriter writer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;
    String mine;
    String theirs;

    @BeforeEach
    void guests() throws Exception {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        int n = SEQ.incrementAndGet();
        mine = "upd-mine-" + n;
        theirs = "upd-theirs-" + n;
        int xid = 46_000 + n * 2;
        for (String name : List.of(mine, theirs)) {
            writer.createGuest(new NewGuest(name, xid++, name, null,
                    List.of(new InterfaceSpec("10.99." + n + "." + (xid % 200 + 2), 24, "eth0", null, false)), null, false, Map.of()));
        }
    }

    @Test
    void anAuditorMayUpdateNothingAndTheRefusalIsAudited() {
        String who = "upd-auditor-" + SEQ.incrementAndGet();

        assertThatThrownBy(() -> as(who, () -> updates.submit(new UpdateRequest(List.of(mine), false, "upgrade", null, true, null)),
                Role.AUDITOR)).isInstanceOf(AccessDeniedException.class);

        assertThat(audited(UpdateService.ACTION, who, "denied")).isEqualTo(1);
    }

    @Test
    void anOwnerUpdatesOnlyTheirOwnGuests() {
        String owner = "upd-owner-" + SEQ.incrementAndGet();
        as("admin", () -> accounts.create(owner, "initial-pass-12345", EnumSet.of(Role.OWNER), Set.of(mine)), Role.ADMIN);

        assertThatThrownBy(() -> as(owner, () -> updates.submit(new UpdateRequest(List.of(mine, theirs), false, "upgrade",
                null, true, null)), Role.OWNER)).isInstanceOf(AccessDeniedException.class).hasMessageContaining(theirs);
        assertThat(audited(UpdateService.ACTION, owner, "denied")).isEqualTo(1);

        Job all = as(owner, () -> updates.submit(new UpdateRequest(null, true, "update", null, false, null)), Role.OWNER);
        assertThat(all.title()).endsWith("on " + mine);
        assertThat(as(owner, updates::guests, Role.OWNER)).extracting(UpdateService.GuestRow::name).containsExactly(mine);
    }

    @Test
    void restAnswers403ForAnAuditorAnd400NamingTheFieldForBadInput() throws Exception {
        String auditor = "upd-rest-auditor-" + SEQ.incrementAndGet();
        String admin = "upd-rest-admin-" + SEQ.incrementAndGet();
        String initial = "initial-pass-12345";
        as("admin", () -> accounts.create(auditor, initial, EnumSet.of(Role.AUDITOR), Set.of()), Role.ADMIN);
        as("admin", () -> accounts.create(admin, initial, EnumSet.of(Role.ADMIN), Set.of()), Role.ADMIN);
        as(auditor, () -> {
            accounts.changeOwnPassword(initial, PASSWORD);
            return null;
        }, Role.AUDITOR);
        as(admin, () -> {
            accounts.changeOwnPassword(initial, PASSWORD);
            return null;
        }, Role.ADMIN);

        mvc.perform(post("/api/v1/updates").with(httpBasic(auditor, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"guests\":[\"" + mine + "\"],\"action\":\"upgrade\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/updates").with(httpBasic(admin, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"guests\":[\"" + mine + "\"],\"action\":\"install\",\"packages\":[\"--allow-unauthenticated\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("packages"));
        assertThat(audited(UpdateService.ACTION, admin, "failed")).isEqualTo(1);
    }

    private long audited(String action, String actor, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND actor = ? AND outcome = ?")
                .params(action, actor, outcome).query(Long.class).single();
    }
}
